// Pinned report versions in real Chromium against the real host: a report saved twice, a schedule built
// with "Report version" pinned to v1, triggered; its run says "Version 1" and compares v1 with the current
// version line by line. Screenshots (1280, 360 and 390 wide) and axe on both screens.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAxe } from './support/axe';
import { screenshot, screenshotDir } from './support/screenshot';
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

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000 });

/** The shared helper's two sizes, and the 390-wide phone the brief asks for. */
async function shots(name: string): Promise<void> {
  await screenshot(page, name);
  const before = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(screenshotDir, `${name}-phone390.png`), fullPage: true });
  if (before) await page.setViewportSize(before);
}

async function api(method: string, route: string, body?: unknown): Promise<Record<string, unknown>> {
  const token = await accessTokenOf(page);
  const res = await fetch(`${base}/api/v1/${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status, `${method} ${route}`).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

const v1 = {
  name: 'Pinned version test',
  dataSource: { connectionId: 'demo', sql: 'select region\nfrom sales\ngroup by region' },
  template: { body: '<h1>V1 heading</h1>\n{% for r in rows %}<p>{{ r.region }}</p>{% endfor %}' },
  outputs: [{ format: 'html' }],
};
const v2 = {
  ...v1,
  dataSource: { connectionId: 'demo', sql: 'select region, count(*) as n\nfrom sales\ngroup by region' },
  template: { body: '<h1>V2 heading</h1>\n{% for r in rows %}<p>{{ r.region }}</p>{% endfor %}' },
};

describe('a schedule pinned to a report version, and its run', () => {
  let reportId = '';

  it('the builder pins the schedule to version 1 of a report saved twice', async () => {
    reportId = String((await api('POST', 'reports', v1)).id);
    await api('PUT', `reports/${reportId}`, v2);
    await page.goto(`${base}/schedules/new?reportId=${reportId}`);
    const field = page.getByRole('combobox', { name: 'Report version' });
    await poll(() => field.count()).toBe(1);
    await page.locator('.v-field', { has: field }).click();
    await poll(() => page.getByRole('option').count()).toBe(3);
    expect(await page.getByRole('option').first().textContent()).toContain('Latest (follows changes)');
    await page.getByRole('option', { name: /^v1 — .*, ann$/ }).click();
    await poll(() => page.getByTestId('schedule-report-version').textContent()).toMatch(
      /version 1's query and template/,
    );
    await shots('schedule-report-version');
    await expectNoSeriousAxe(page);
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await page.waitForURL(
      (url) => /^\/schedules\/[A-Za-z0-9_-]+$/.test(url.pathname) && !url.pathname.endsWith('/new'),
    );
    const scheduleId = page.url().split('/').pop()!;
    expect((await api('GET', `schedules/${scheduleId}`)).reportVersion).toBe(1);
    await poll(() => page.getByTestId('schedule-pinned-version').textContent()).toMatch(
      /Version 1 \(pinned\)/,
    );
  });

  it('its run shows Version 1 and a line diff of SQL and template against the current version', async () => {
    await page.getByRole('button', { name: 'Trigger now' }).click();
    await page.waitForURL(/\/runs\/[A-Za-z0-9_-]+$/);
    await poll(() => page.getByTestId('run-report-version').textContent()).toBe('Version 1');
    const diff = page.getByTestId('run-version-diff');
    await poll(() => diff.textContent()).toMatch(/used version 1; the report is now at version 2/);
    await diff.getByRole('button', { name: 'Compare with current' }).click();
    const sql = page.getByRole('list', { name: 'SQL differences' });
    await poll(() => sql.locator('del').allTextContents()).toEqual(['select region']);
    expect(await sql.locator('ins').allTextContents()).toEqual(['select region, count(*) as n']);
    const template = page.getByRole('list', { name: 'Template differences' });
    expect(await template.locator('del').allTextContents()).toEqual(['<h1>V1 heading</h1>']);
    expect(await template.locator('ins').allTextContents()).toEqual(['<h1>V2 heading</h1>']);
    // Not colour alone: each changed line is spoken as added or removed.
    expect(await template.locator('li[data-kind="removed"]').textContent()).toContain('Removed: ');
    await shots('run-version-diff');
    await expectNoSeriousAxe(page);
  });
});
