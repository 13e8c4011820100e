import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * @sparticuz/chromium's flags minus those that would hide what we test: --disable-web-security and
 * --allow-running-insecure-content (CSP, CORS and mixed content must apply as in any browser) and
 * --single-process (fragile with several pages).
 */
const dropped = new Set([
  '--disable-web-security',
  '--allow-running-insecure-content',
  '--disable-site-isolation-trials',
  '--single-process',
]);

/** Real Chromium — the binary @sparticuz/chromium ships, never a download — driven by Playwright. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: await sparticuz.executablePath(),
    args: [
      ...sparticuz.args.filter((a) => !dropped.has(a) && !a.startsWith('--headless')),
      '--no-sandbox',
      '--disable-background-networking',
    ],
    headless: true,
  });
}

/** A fresh context (own cookies and storage) and page at desktop size, as a new user would open the app. */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  return { context, page: await context.newPage() };
}
