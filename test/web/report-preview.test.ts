// The report editor's live preview in real Chromium against the real host: edit the template and the
// rendered HTML follows; break it and the error shows at its line. Screenshots at desktop and phone width.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAxe } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { screenshot } from './support/screenshot';
import { signIn } from './support/sign-in';
import { requireWebApp, webHostUrl } from './support/web-host';

let browser: Browser;
let page: Page;
const base = webHostUrl();

beforeAll(async () => {
  requireWebApp();
  browser = await launchBrowser();
  ({ page } = await newPage(browser));
  await signIn(page, { tenant: 'preview-web', user: 'pat', roles: ['report_creator'] });
});
afterAll(async () => {
  await browser?.close();
});

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000 });
/**
 * The rendered document the preview frame shows (its srcdoc): what the API returned for the edit, read
 * as markup so the check holds whatever the frame displays.
 */
const shownHtml = () =>
  page
    .getByTestId('preview-html')
    .getAttribute('srcdoc')
    .catch(() => null);

describe('the report editor previews as you edit', () => {
  it('renders the edited template, then shows a broken one at its line', { timeout: 120_000 }, async () => {
    await page.goto(`${base}/reports/new`);
    await page.getByLabel('Name', { exact: true }).fill('Preview in the browser');
    await page.getByLabel('HTML', { exact: true }).check();
    const preview = page.getByTestId('report-preview');
    await preview.getByRole('button', { name: 'HTML', exact: true }).click();

    const template = page.getByLabel('Template (Liquid + HTML)');
    await template.fill('<h1>First {{ rows | size }} rows</h1>');
    await poll(shownHtml).toContain('<h1>First 50 rows</h1>');
    await template.fill('<h1>Second take: {{ report.name }}</h1>');
    await poll(shownHtml).toContain('<h1>Second take: Preview in the browser</h1>');
    expect(await shownHtml()).not.toContain('First 50 rows');
    await preview.getByRole('tab', { name: 'Data rows' }).click();
    await poll(() => preview.locator('tbody tr').count()).toBe(50);
    await preview.getByRole('tab', { name: 'Output' }).click();
    await screenshot(page, 'report-preview');
    await expectNoSeriousAxe(page);

    await template.fill('<h1>Broken</h1>\n<p>{{ rows | nosuchfilter }}</p>');
    const problems = page.getByTestId('preview-problems');
    await poll(() => problems.textContent().catch(() => '')).toMatch(/Template, line 2, column 4/);
    await expect.soft(problems.textContent()).resolves.toMatch(/nosuchfilter/);
    await screenshot(page, 'report-preview-error');
  });
});
