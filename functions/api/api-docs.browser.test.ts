import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../local/http/http-server';
import { installDeps } from '../composition-root';
import { loadFunctions, testConfig, testDeps } from '../http/testing/http-test-kit';

let server: HttpServer;
let base: string;
let browser: Browser;
let page: Page;
let uninstallDeps: (() => void) | undefined;
const consoleErrors: string[] = [];
const requests: { url: string; headers: Record<string, string> }[] = [];

beforeAll(async () => {
  const app = await loadFunctions(() =>
    Promise.all([
      import('./health.js'),
      import('./openapi.js'),
      import('./api-docs.js'),
      import('./runs.js'),
    ]),
  );
  uninstallDeps = installDeps(testDeps(testConfig({ PUBLIC_BASE_URL: 'https://reports.contoso.test' })));
  server = createHttpServer({
    app: { ...app, capabilities: {} },
    host: '127.0.0.1',
    port: 0,
    log: () => undefined,
  });
  base = (await server.listen()).url;
  // Real Chromium (the binary @sparticuz/chromium ships); loopback only, nothing else to reach.
  browser = await puppeteer.launch({
    executablePath: await chromium.executablePath(),
    args: [...chromium.args.filter((a) => a !== '--single-process'), '--no-sandbox'],
    headless: 'shell',
    pipe: true,
  });
  page = await browser.newPage();
  page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
  page.on('request', (r) => void requests.push({ url: r.url(), headers: r.headers() }));
  // (Page scripts as strings: this project's TypeScript has no DOM types.)
  await page.evaluateOnNewDocument(`
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.violations.push(e.violatedDirective + ' ' + e.blockedURI));
  `);
  await page.goto(`${base}/api/v1/docs`, { waitUntil: 'networkidle0' });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close(1000);
  uninstallDeps?.();
});

const violations = async () => (await page.evaluate('window.violations')) as string[];

/** Opens an operation, presses "Try it out" and "Execute", answers the status Swagger UI shows. */
async function tryIt(operationDomId: string): Promise<string> {
  const op = `#${operationDomId}`;
  await page.click(`${op} .opblock-summary-control`);
  await page.waitForSelector(`${op} .try-out__btn`);
  await page.click(`${op} .try-out__btn`);
  await page.click(`${op} .execute`);
  const status = `${op} .live-responses-table tbody .response-col_status`;
  await page.waitForSelector(status);
  return String(await page.evaluate(`document.querySelector(${JSON.stringify(status)}).textContent.trim()`));
}

describe('the API reference in a real browser, under its CSP', () => {
  it('renders every operation from the app’s own files with no CSP violation or console error', async () => {
    await page.waitForSelector('.opblock');
    expect(await page.$$eval('.opblock', (els) => els.length)).toBeGreaterThan(3);
    expect(await violations()).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(requests.filter((r) => !r.url.startsWith(base) && !r.url.startsWith('data:'))).toEqual([]);
  });

  it('"Try it out" calls this host (not the documented server) and shows the answer', async () => {
    expect(await tryIt('operations-health-health')).toBe('200');
    expect(requests.some((r) => r.url === `${base}/api/health`)).toBe(true);
    expect(await violations()).toEqual([]);
  });

  it('a token pasted in "Authorize" goes out as the bearer token', async () => {
    await page.click('.btn.authorize');
    await page.waitForSelector('.auth-container input');
    await page.type('.auth-container input', 'pasted-dev-token');
    await page.click('.auth-btn-wrapper .modal-btn.auth');
    await page.click('.auth-btn-wrapper .btn-done');
    expect(await tryIt('operations-runs-listRuns')).toBe('401');
    const call = requests.find((r) => r.url.startsWith(`${base}/api/v1/runs`));
    expect(call?.headers.authorization).toBe('Bearer pasted-dev-token');
    expect(await violations()).toEqual([]);
  });
});
