// The report editor's live preview in real Chromium against the real host: edit the template and the
// rendered HTML follows; break it and the error shows at its line. Screenshots at desktop and phone width.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAxe } from './support/axe';
import { screenshot } from './support/screenshot';
import { accessTokenOf, openSignedInPage } from './support/sign-in';
import { webHostUrl } from './support/web-host';

let browser: Browser;
let page: Page;
const base = webHostUrl();

beforeAll(async () => {
  ({ browser, page } = await openSignedInPage({
    tenant: 'preview-web',
    user: 'pat',
    roles: ['report_creator'],
  }));
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

  it("shows each recipient's email for a schedule of the saved report", { timeout: 120_000 }, async () => {
    const template = page.getByLabel('Template (Liquid + HTML)');
    await template.fill('<h1>{{ report.name }}</h1>');
    await page.getByRole('button', { name: 'Create report' }).click();
    await page.waitForURL(
      (url) => /^\/reports\/[A-Za-z0-9_-]+$/.test(url.pathname) && url.pathname !== '/reports/new',
    );
    const reportId = page.url().split('/').pop()!;
    const created = await fetch(`${base}/api/v1/schedules`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await accessTokenOf(page)}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        reportId,
        name: 'Morning sales',
        cronExpr: '0 8 * * 1-5',
        timezone: 'Europe/Berlin',
        emailDelivery: {
          enabled: true,
          recipients: ['dana@example.com', 'eve@example.org'],
          attachPdf: true,
          subjectTemplate: 'Today: {{ reportName }}',
        },
      }),
    });
    expect(created.status).toBe(201);
    await page.reload();

    const preview = page.getByTestId('report-preview');
    // The visible selection covers the input: open the menu from the field, as a pointer user does.
    const field = page.getByRole('combobox', { name: 'Emails of schedule' });
    await page.locator('.v-field', { has: field }).click();
    await page.getByRole('option', { name: 'Morning sales' }).click();
    await preview.getByRole('tab', { name: /Emails/ }).click();
    const emails = page.getByTestId('preview-emails');
    await poll(() => emails.textContent().catch(() => '')).toContain('dana@example.com');
    expect(await emails.textContent()).toContain('eve@example.org');
    expect(await emails.textContent()).toContain('Today: Preview in the browser');
    await emails.getByText('dana@example.com').click();
    await poll(() => emails.textContent()).toMatch(/attached|sent as a link/);
    await screenshot(page, 'report-preview-emails');
    await expectNoSeriousAxe(page);
  });
});
