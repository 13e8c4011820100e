import type { Browser, CDPSession, HTTPRequest, Page } from 'puppeteer-core';

/** A pooled tab prepared for untrusted report HTML. */
export interface ReportPage {
  page: Page;
  browser: Browser;
  /** A DevTools session on the tab, for the calls puppeteer does not expose as we need them. */
  devtools: CDPSession;
  /** Requests refused since the last reset. */
  blockedRequests: number;
}

/** Opens a tab with JavaScript off and every request refused except data: URLs — a report must not fetch anything. */
export async function openReportPage(browser: Browser): Promise<ReportPage> {
  const page = await browser.newPage();
  try {
    const reportPage: ReportPage = {
      page,
      browser,
      devtools: await page.createCDPSession(),
      blockedRequests: 0,
    };
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      if (request.isInterceptResolutionHandled()) return;
      if (request.url().startsWith('data:')) {
        void request.continue().catch(() => undefined);
      } else {
        reportPage.blockedRequests += 1;
        void request.abort('blockedbyclient').catch(() => undefined);
      }
    });
    return reportPage;
  } catch (err) {
    await page.close().catch(() => undefined);
    throw err;
  }
}
