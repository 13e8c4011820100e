// The report and schedule screens in real Chromium against the real host: sign in through PKCE, create a
// report, build a weekday 08:00 schedule in New York with email to two recipients (one typed wrong first),
// save, trigger — screenshots and axe on every screen on the way.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAxe } from './support/axe';
import { newPage } from './support/browser';
import { screenshot } from './support/screenshot';
import { accessTokenOf, openSignedInPage, signIn } from './support/sign-in';
import { webHostUrl } from './support/web-host';

let browser: Browser;
let page: Page;
const base = webHostUrl();

beforeAll(async () => {
  ({ browser, page } = await openSignedInPage({ tenant: 'demo', user: 'ann', roles: ['tenant_admin'] }));
});
afterAll(async () => {
  await browser?.close();
});

/** Waits for the page to get there: the app fetches and renders asynchronously (no timing asserted). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

/** Opens a Vuetify select or autocomplete by its label and picks the option with this text. */
async function choose(label: string | RegExp, option: string | RegExp, typed?: string): Promise<void> {
  const field = page.getByRole('combobox', { name: label });
  // The visible selection covers the input: open the menu from the field, as a pointer user does.
  await page.locator('.v-field', { has: field }).click();
  if (typed !== undefined) await field.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

describe('reports and the schedule builder', () => {
  let reportId = '';
  let scheduleId = '';

  it('creates a report', async () => {
    await page.goto(`${base}/reports/new`);
    await page.getByLabel('Name', { exact: true }).fill('Browser test sales');
    await page.getByRole('button', { name: 'Create report' }).click();
    await page.waitForURL(
      (url) => /^\/reports\/[A-Za-z0-9_-]+$/.test(url.pathname) && url.pathname !== '/reports/new',
    );
    reportId = page.url().split('/').pop()!;
    await poll(() => page.getByRole('heading', { name: 'Browser test sales' }).count()).toBe(1);
    await screenshot(page, 'report-editor');
    await expectNoSeriousAxe(page);
  });

  it('builds a weekday 08:00 schedule in New York with two recipients, one corrected', async () => {
    await page.getByRole('link', { name: 'Schedule', exact: true }).click();
    await page.waitForURL(/\/schedules\/new\?reportId=/);
    await choose('Repeats', 'Weekdays (Mon–Fri) at…');
    await page.getByLabel('At (time of day)').fill('08:00');
    await choose('Time zone', /^America\/New York/, 'New York');
    await poll(() => page.getByTestId('rule-sentence').textContent()).toBe(
      'At 08:00, Monday through Friday (America/New_York)',
    );
    await poll(() => page.getByTestId('fire-preview').locator('li').count()).toBe(10);
    await poll(() => page.getByTestId('fire-preview').textContent()).toMatch(
      /08:00 EST|08:00 EDT|08:00 GMT-[45]/,
    );

    await page.getByLabel('Send by email').check();
    const recipients = page.getByRole('textbox', { name: 'Recipients', exact: true });
    await recipients.fill('bob@example');
    await recipients.press('Enter');
    await poll(() => page.locator('[data-invalid="true"]').count()).toBe(1);
    await poll(() => page.getByText('“bob@example” is not an email address').count()).toBe(1);
    await page.locator('[data-invalid="true"]').click();
    await poll(() => recipients.inputValue()).toBe('bob@example');
    await recipients.fill('bob@example.com');
    await recipients.press('Enter');
    await recipients.fill('carol@example.org');
    await recipients.press('Enter');
    await poll(() => page.locator('[data-invalid="true"]').count()).toBe(0);
    await poll(() => page.getByTestId('schedule-summary').textContent()).toMatch(
      /^2 recipients, PDF attached, next send /,
    );
    await screenshot(page, 'schedule-builder');
    await expectNoSeriousAxe(page);

    await page.getByRole('button', { name: 'Save schedule' }).click();
    await page.waitForURL(
      (url) => /^\/schedules\/[A-Za-z0-9_-]+$/.test(url.pathname) && url.pathname !== '/schedules/new',
    );
    scheduleId = page.url().split('/').pop()!;
    expect(scheduleId).not.toBe('new');
  });

  it('the saved schedule reads back as built, and trigger now opens its run', async () => {
    const res = await fetch(`${base}/api/v1/schedules/${scheduleId}`, {
      headers: { authorization: `Bearer ${await accessTokenOf(page)}` },
    });
    const saved = (await res.json()) as Record<string, unknown>;
    expect(saved).toMatchObject({
      reportId,
      kind: 'cron',
      cronExpr: '0 8 * * 1-5',
      timezone: 'America/New_York',
      emailDelivery: { enabled: true, recipients: ['bob@example.com', 'carol@example.org'], attachPdf: true },
    });
    await poll(() => page.getByTestId('fire-preview').locator('li').count()).toBe(10);
    await screenshot(page, 'schedule-detail');
    await expectNoSeriousAxe(page);
    await page.getByRole('button', { name: 'Trigger now' }).click();
    await page.waitForURL(/\/runs\/[A-Za-z0-9_-]+$/);
  });

  it('says when someone else changed the report, and reloads it', async () => {
    await page.goto(`${base}/reports/${reportId}`);
    await page.getByLabel('Name', { exact: true }).fill('My edit');
    // Someone else saves the report meanwhile (with the ETag they read).
    const headers = {
      authorization: `Bearer ${await accessTokenOf(page)}`,
      'content-type': 'application/json',
    };
    const current = await fetch(`${base}/api/v1/reports/${reportId}`, { headers });
    const report = (await current.json()) as Record<string, unknown>;
    const { name: _n, id: _i, tenantId: _t, createdBy: _c, createdAt: _a, updatedAt: _u, ...rest } = report;
    const { status } = await fetch(`${base}/api/v1/reports/${reportId}`, {
      method: 'PUT',
      headers: { ...headers, 'if-match': current.headers.get('etag')! },
      body: JSON.stringify({ ...rest, name: 'Browser test sales v2' }),
    });
    expect(status).toBe(200);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await poll(() => page.getByText('Someone else changed this report').count()).toBe(1);
    await page.getByRole('button', { name: 'Reload' }).click();
    await poll(() => page.getByLabel('Name', { exact: true }).inputValue()).toBe('Browser test sales v2');
  });

  it('an API error shows its message and a copyable request id', async () => {
    await page.goto(`${base}/schedules/no-such-schedule`);
    await poll(() => page.getByTestId('request-id').count()).toBe(1);
    expect(await page.getByTestId('request-id').textContent()).toMatch(/\S{6,}/);
    await poll(() => page.getByRole('button', { name: 'Copy request id' }).count()).toBe(1);
    await screenshot(page, 'error-request-id');
    await expectNoSeriousAxe(page);
  });

  it('the builder in dark mode stays axe-clean', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${base}/schedules/new?reportId=${reportId}`);
    await poll(() => page.getByTestId('fire-preview').locator('li').count()).toBe(10);
    await screenshot(page, 'schedule-builder-dark');
    await expectNoSeriousAxe(page);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('a viewer gets a read-only app', async () => {
    const viewer = await newPage(browser);
    try {
      await signIn(viewer.page, { tenant: 'demo', user: 'vic', roles: ['viewer'] }, { path: '/reports' });
      await poll(() => viewer.page.getByRole('link', { name: /^Browser test sales/ }).count()).toBe(1);
      expect(await viewer.page.getByRole('link', { name: 'New report' }).count()).toBe(0);
      await viewer.page.getByRole('link', { name: /^Browser test sales/ }).click();
      await poll(() => viewer.page.getByText('Read only', { exact: false }).count()).toBe(1);
      expect(await viewer.page.getByRole('button', { name: /Save|Run now/ }).count()).toBe(0);
      await viewer.page.goto(`${base}/schedules/${scheduleId}`);
      await poll(() => viewer.page.getByTestId('fire-preview').count()).toBe(1);
      expect(await viewer.page.getByRole('button', { name: /Trigger now|Pause|Edit/ }).count()).toBe(0);
      await screenshot(viewer.page, 'schedule-detail-viewer');
    } finally {
      await viewer.context.close();
    }
  });

  it('lists schedules and reports with search', async () => {
    await page.goto(`${base}/schedules`);
    await poll(() => page.getByTestId('schedule-quota').count()).toBe(1);
    await screenshot(page, 'schedule-list');
    await poll(() => page.getByRole('link', { name: /^Schedule of Browser test sales/ }).count()).toBe(1);
    await poll(() => page.getByTestId('schedule-quota').textContent()).toMatch(/schedules?/);
    await expectNoSeriousAxe(page);
    await page.goto(`${base}/reports`);
    await page.getByRole('textbox', { name: 'Search reports' }).fill('browser test');
    await poll(() => page.getByRole('link', { name: /^Browser test sales/ }).count()).toBe(1);
    await screenshot(page, 'report-list');
    await expectNoSeriousAxe(page);
    await page.goto(`${base}/`);
    await poll(() => page.getByRole('heading', { name: 'Recent runs' }).count()).toBe(1);
    await screenshot(page, 'dashboard');
    await expectNoSeriousAxe(page);
  });
});
