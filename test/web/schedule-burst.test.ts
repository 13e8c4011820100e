// The schedule builder's "Send each recipient only their rows" section in real Chromium against the real
// host: a column burst built, saved and read back through the API; the parameters rows; screenshots at
// 1280 and 390 px wide, and axe.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAxe } from './support/axe';
import { screenshotDir } from './support/screenshot';
import { accessTokenOf, openSignedInPage } from './support/sign-in';
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

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

/** The burst section at desktop (1280) and phone (390) width, under test-results/screenshots/. */
async function shoot(name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const section = page.getByTestId('burst-editor');
  for (const [kind, width] of [
    ['desktop', 1280],
    ['phone', 390],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, `${name}-${kind}.png`), animations: 'disabled' });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('the schedule builder’s burst section', () => {
  it('builds, saves and reads back a column burst; offers rows of recipients and values', async () => {
    await page.goto(`${base}/reports/new`);
    await page.getByLabel('Name', { exact: true }).fill('Burst test sales');
    await page.getByRole('button', { name: 'Create report' }).click();
    await page.waitForURL(
      (url) => /^\/reports\/[A-Za-z0-9_-]+$/.test(url.pathname) && url.pathname !== '/reports/new',
    );
    await page.getByRole('link', { name: 'Schedule', exact: true }).click();
    await page.waitForURL(/\/schedules\/new\?reportId=/);

    await page.getByLabel('Send by email').check();
    await page.getByLabel('Send each recipient only their rows').check();
    await page.getByLabel("Column with each row's recipient").fill('region_manager_email');
    await page.getByLabel('Only these domains (optional)').fill('example.com');
    await shoot('schedule-burst-column');
    await expectNoSeriousAxe(page);

    await page.getByRole('button', { name: 'Per recipient list' }).click();
    await page.getByLabel('Recipients, row 1').fill('eu-lead@example.com');
    await page.getByLabel('Parameter values, row 1').fill('minQty=5');
    await page.getByRole('button', { name: 'Add recipients' }).click();
    await page.getByLabel('Recipients, row 2').fill('us-lead@example.com, us-deputy@example.com');
    await page.getByLabel('Parameter values, row 2').fill('minQty=10');
    await shoot('schedule-burst-parameters');
    await expectNoSeriousAxe(page);

    await poll(() => page.getByTestId('schedule-summary').textContent()).toMatch(
      /^2 recipient lists, each only their rows, PDF attached/,
    );
    // Saved as a column burst (the parameter sets above need a report that declares minQty).
    await page.getByRole('button', { name: 'From a column' }).click();
    await poll(() => page.getByTestId('schedule-summary').textContent()).toMatch(
      /^each address in region_manager_email gets only their rows/,
    );
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await page.waitForURL(
      (url) => /^\/schedules\/[A-Za-z0-9_-]+$/.test(url.pathname) && url.pathname !== '/schedules/new',
    );
    const id = page.url().split('/').pop()!;
    const res = await fetch(`${base}/api/v1/schedules/${id}`, {
      headers: { authorization: `Bearer ${await accessTokenOf(page)}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      burst: { mode: 'column', column: 'region_manager_email', allowedDomains: ['example.com'] },
      emailDelivery: { enabled: true, recipients: [] },
    });
  });
});
