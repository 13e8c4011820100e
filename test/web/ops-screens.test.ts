import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportAndSchedule, opsApi, type OpsApi } from './ops-fixture';
import { expectNoSeriousAxe } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { openFormDialog } from './support/form-dialog';
import { screenshot } from './support/screenshot';
import { signIn } from './support/sign-in';
import { requireWebApp, webHostUrl } from './support/web-host';

/** What the tests read of an <img> in the page (the root tsconfig has no DOM types). */
interface Img {
  complete: boolean;
  naturalWidth: number;
}

interface Artifact {
  id: string;
  format: string;
  checksum: string;
}

let browser: Browser;
let page: Page;
let api: OpsApi;
let ids: { reportId: string; scheduleId: string };
let runId: string;
const navigations: string[] = [];

beforeAll(async () => {
  requireWebApp();
  api = await opsApi(webHostUrl());
  ids = await createReportAndSchedule(api);
  browser = await launchBrowser();
  ({ page } = await newPage(browser));
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

/** Screenshots at desktop and 360 px, and axe on the page as it is. */
async function capture(name: string): Promise<void> {
  const files = await screenshot(page, name);
  expect(files.every((f) => fs.statSync(f).size > 2000)).toBe(true);
  await expectNoSeriousAxe(page);
}

describe('ops screens in real Chromium against the real host', () => {
  it('a triggered run appears in the history and succeeds without a reload', async () => {
    await signIn(page, { tenant: api.tenant, user: 'ops-admin', roles: ['tenant_admin'] }, { path: '/runs' });
    await page.getByText('No runs yet').waitFor();
    await capture('runs-empty');
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));

    const trigger = await api.call<{ runId: string }>(`schedules/${ids.scheduleId}/trigger`, {
      method: 'POST',
    });
    expect(trigger.status).toBe(202);
    runId = trigger.body.runId;
    const row = page.locator(`[data-run-id="${runId}"]`);
    await row.waitFor({ timeout: 30_000 });
    await row.getByText('Succeeded').waitFor({ timeout: 150_000 });
    expect(navigations, 'the page never reloaded').toEqual([]);
    await capture('runs');
  }, 240_000);

  it('the run page shows every step on its timeline, the deliveries per recipient and links both ways', async () => {
    await page.locator(`[data-run-id="${runId}"]`).click();
    await page.waitForURL(`**/runs/${runId}`);
    const outcome = page.getByTestId('run-outcome');
    await outcome.getByText('Delivered to 2 of 2 recipients').waitFor({ timeout: 90_000 });
    const steps = page.getByTestId('run-timeline').locator('li');
    await expect
      .poll(
        () =>
          steps.evaluateAll((rows: unknown[]) =>
            (rows as { getAttribute(name: string): string }[])
              .map(
                (r) =>
                  `${r.getAttribute('data-step').replace(/:[^:]{20,}$/, ':<id>')}=${r.getAttribute('data-status')}`,
              )
              .sort(),
          ),
        { timeout: 30_000 },
      )
      .toEqual([
        'deliver:<id>=succeeded',
        'deliver:<id>=succeeded',
        'step:extract=succeeded',
        'step:render:csv=succeeded',
        'step:render:pdf=succeeded',
      ]);
    await expect.poll(() => page.getByTestId('delivery-receipt').count()).toBe(2);
    expect(await page.getByRole('link', { name: 'Weekdays 08:00 Berlin' }).getAttribute('href')).toBe(
      `/schedules/${ids.scheduleId}`,
    );
    // Thumbnails load as their card scrolls into view.
    await page.locator('[data-artifact-id]').first().scrollIntoViewIfNeeded();
    await page.locator('[data-artifact-id] img').first().waitFor();
    await capture('run-detail');
  }, 180_000);

  it('the gallery shows the PDF page-1 thumbnail, previews it and downloads the exact bytes', async () => {
    const { body } = await api.call<{ items: Artifact[] }>(`artifacts?runId=${runId}`);
    const pdf = body.items.find((a) => a.format === 'pdf')!;
    await page.locator(`a[href="/gallery?artifact=${pdf.id}"]`).first().click();
    const drawer = page.getByTestId('preview-drawer');
    await drawer.getByTestId('pdf-page-preview').waitFor();
    expect(
      await drawer.getByTestId('pdf-page-preview').evaluate((img: unknown) => (img as Img).naturalWidth),
    ).toBeGreaterThan(100);
    await capture('gallery-preview');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      drawer.getByTestId('download').click(),
    ]);
    const bytes = fs.readFileSync(await download.path());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(pdf.checksum);

    await page.getByRole('button', { name: 'Close preview' }).click();
    const thumb = page.locator(`[data-testid="artifact-card"][data-artifact-id="${pdf.id}"] img`);
    await thumb.waitFor();
    await expect
      .poll(() => thumb.evaluate((img: unknown) => ((img as Img).complete ? (img as Img).naturalWidth : 0)))
      .toBeGreaterThan(100);
    await capture('gallery');
  }, 120_000);

  it('a deep link opens the gallery with that artifact selected (CSV as a table of rows)', async () => {
    const { body } = await api.call<{ items: Artifact[] }>(`artifacts?runId=${runId}`);
    const csv = body.items.find((a) => a.format === 'csv')!;
    await page.goto(`${webHostUrl()}/gallery?artifact=${csv.id}`);
    const table = page.getByTestId('rows-preview');
    await table.waitFor({ timeout: 30_000 });
    expect(await table.locator('th').allInnerTexts()).toEqual(['region', 'revenue', 'orders']);
    expect(await page.getByTestId('artifact-checksum').innerText()).toBe(csv.checksum);
  }, 60_000);

  it('the gallery link in the email the dev mailbox caught opens the gallery with that artifact selected', async () => {
    const { body } = await api.call<{ items: { to: string[]; html: string }[] }>(
      'dev/mailbox?to=ann@example.com',
    );
    const mail = body.items.find((m) => m.html.includes('/gallery?artifact='));
    expect(mail, `mail to ann: ${body.items.length}`).toBeDefined();
    const link = /href="([^"]*\/gallery\?artifact=[^"]+)"/.exec(mail!.html)![1]!;
    expect(new URL(link).origin).toBe(new URL(webHostUrl()).origin);
    const { body: produced } = await api.call<{ items: Artifact[] }>(`artifacts?runId=${runId}`);
    const artifact = produced.items.find((a) => a.id === new URL(link).searchParams.get('artifact'));
    expect(artifact, link).toBeDefined();
    await page.goto(link);
    await page.getByTestId('artifact-preview').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('artifact-checksum').innerText()).toBe(artifact!.checksum);
  }, 60_000);

  it('creating an event trigger shows its URL and secret once, with a curl that really fires it', async () => {
    await page.goto(`${webHostUrl()}/event-triggers`);
    await openFormDialog(page, 'New trigger');
    await page.getByLabel('Name').fill('Nightly load finished');
    await page.getByLabel('Report to run').click();
    await page.getByRole('option', { name: 'Regional sales' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    const curl = page.getByTestId('secret-Example: fire it with curl');
    await curl.waitFor();
    await capture('event-trigger-secret');
    const script = await curl.innerText();
    const out = execFileSync(
      'bash',
      ['-c', script.replace('curl -X POST', 'curl -s -o /dev/null -w "%{http_code}" -X POST')],
      { encoding: 'utf8' },
    );
    expect(out).toBe('202');
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByText('Nightly load finished').waitFor();
    await capture('event-triggers');
  }, 90_000);

  it('settings screens and the audit log are axe-clean at desktop and 360 px', async () => {
    await api.call('holiday-calendars', {
      method: 'POST',
      body: { name: 'Germany 2026', dates: ['2026-12-25', '2026-12-26'] },
    });
    await api.call('delivery-targets', {
      method: 'POST',
      body: { type: 'email', name: 'Finance team', config: { recipients: ['fin@example.com'] } },
    });
    for (const [path, name, text] of [
      ['/holiday-calendars', 'holiday-calendars', 'Germany 2026'],
      ['/delivery-targets', 'delivery-targets', 'Finance team'],
      ['/data-sources', 'data-sources', 'No data sources yet'],
      ['/subscriptions', 'subscriptions', 'No subscriptions yet'],
      ['/audit', 'audit', 'report.created'],
    ] as const) {
      await page.goto(`${webHostUrl()}${path}`);
      await page.getByText(text).first().waitFor({ timeout: 30_000 });
      await capture(name);
    }
  }, 180_000);

  it('a form shows the contract errors on their fields', async () => {
    await page.goto(`${webHostUrl()}/delivery-targets`);
    await openFormDialog(page, 'New target');
    await page.getByLabel('Name').fill('Broken list');
    await page.getByLabel('Recipients').fill('ok@example.com, not-an-address');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('not-an-address:').waitFor();
    await capture('delivery-target-form-errors');
  }, 60_000);

  it('an API error shows its message and a copyable requestId', async () => {
    const response = page.waitForResponse((r) => r.url().endsWith('/api/v1/runs/no-such-run'));
    await page.goto(`${webHostUrl()}/runs/no-such-run`);
    const requestId = (await response).headers()['x-request-id'];
    await page.getByTestId('request-id').waitFor();
    expect(requestId).toBeTruthy();
    expect(await page.getByTestId('request-id').innerText()).toBe(requestId);
    await capture('run-not-found');
  }, 60_000);

  it('a viewer sees the same run and settings without any edit control', async () => {
    const viewer = await newPage(browser);
    await signIn(
      viewer.page,
      { tenant: api.tenant, user: 'ops-viewer', roles: ['viewer'] },
      { path: `/runs/${runId}` },
    );
    await viewer.page.getByTestId('run-timeline').waitFor();
    for (const name of [/retry/i, /cancel run/i, /redrive/i])
      expect(await viewer.page.getByRole('button', { name }).count()).toBe(0);
    for (const path of ['/delivery-targets', '/holiday-calendars', '/event-triggers']) {
      await viewer.page.goto(`${webHostUrl()}${path}`);
      await viewer.page.getByRole('list').first().waitFor();
      expect(await viewer.page.getByRole('button', { name: /^(new|edit|delete|rotate)/i }).count()).toBe(0);
    }
    await viewer.context.close();
  }, 90_000);
});
