import fs from 'node:fs';
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opsApi, type OpsApi } from './ops-fixture';
import { expectNoSeriousAxe } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { screenshot, screenshotDir } from './support/screenshot';
import { signIn } from './support/sign-in';
import { requireWebApp, webHostUrl } from './support/web-host';

// The tenant settings page in real Chromium against the shared host: the form saves through PATCH with
// the ETag, a concurrent change is a 412 the page explains and reloads, and the usage bars show each quota.
let browser: Browser;
let page: Page;
let api: OpsApi;

beforeAll(async () => {
  requireWebApp();
  api = await opsApi(webHostUrl());
  browser = await launchBrowser();
  ({ page } = await newPage(browser));
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

async function capture(name: string): Promise<void> {
  const files = await screenshot(page, name);
  expect(files.every((f) => fs.statSync(f).size > 2000)).toBe(true);
  await expectNoSeriousAxe(page);
}

describe('tenant settings in real Chromium against the real host', () => {
  it('shows the settings and a usage bar per quota, and saves a change', async () => {
    await signIn(
      page,
      { tenant: api.tenant, user: 'ops-admin', roles: ['tenant_admin'] },
      { path: '/settings/tenant' },
    );
    await page.getByLabel('Display name').waitFor();
    expect(await page.locator('[data-quota]').count()).toBe(2);
    await page.locator('[data-quota="executionsPerDay"]').getByText('Resets').waitFor();
    await page.getByLabel('Display name').fill('Contoso Reporting');
    await page.getByLabel('Alert emails').fill('ops@contoso.example\nfinance@contoso.example');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved.').waitFor();
    const stored = await api.call<{ displayName: string; alertEmails: string[] }>('tenant');
    expect(stored.body).toMatchObject({
      displayName: 'Contoso Reporting',
      alertEmails: ['ops@contoso.example', 'finance@contoso.example'],
    });
    await capture('tenant-settings');
  }, 120_000);

  it("refuses a value beyond the tier on its field, and explains someone else's change (412) and reloads it", async () => {
    await page.getByLabel('Keep reports (days)').fill('400');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('must be at most 30 days').waitFor();
    await page.getByLabel('Keep reports (days)').fill('14');

    const current = await api.call<unknown>('tenant');
    const changed = await api.call<unknown>('tenant', {
      method: 'PATCH',
      body: { displayName: 'Changed elsewhere' },
      ifMatch: current.headers.get('etag') ?? undefined,
    });
    expect(changed.status).toBe(200);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Someone else changed this').waitFor();
    await capture('tenant-settings-conflict');
    await page.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => page.getByLabel('Display name').inputValue()).toBe('Changed elsewhere');
  }, 120_000);

  it('exports all data: progress while the host writes the zip, then a download link with its expiry', async () => {
    await page.getByRole('button', { name: 'Export all data' }).click();
    // The local host's queue consumer writes the zip; the card polls until the link appears.
    const link = page.getByRole('link', { name: 'Download the zip' });
    await link.waitFor({ timeout: 60_000 });
    await page.locator('[data-export="succeeded"]').getByText('link expires').waitFor();
    const href = await link.getAttribute('href');
    const zip = Buffer.from(await (await fetch(href!)).arrayBuffer());
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    const listed = await api.call<{ items: { sha256: string }[] }>('tenant/exports');
    expect(createHash('sha256').update(zip).digest('hex')).toBe(listed.body.items[0]!.sha256);
    await capture('tenant-export');
    // The brief's phone width too (the helper's phone is 360 px).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${screenshotDir}/tenant-export-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 120_000);
});
