import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parse } from 'csv-parse/sync';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpCatcher, type SmtpCatcher } from '../../local/smtp-catcher/smtp-catcher';
import { createSmtpEmailChannel } from '../../shared/adapters/channels/smtp-email-channel';
import { deliver } from '../../shared/app/deliveries/deliver';
import { planDeliveries } from '../../shared/app/deliveries/plan-deliveries';
import { burstHarness } from './burst-support';

// Column-mode bursting end to end: a real DuckDB query, Azurite, the real SMTP catcher. Every mail is read
// and the file it links to is parsed: each manager gets exactly their own rows, and nobody else's.
let dir: string;
let catcher: SmtpCatcher;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'burst-'));
  catcher = await startSmtpCatcher({ dir });
});
beforeEach(() => catcher.mailbox.clear());
afterAll(async () => {
  await catcher.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

const rows: Array<[string, number, string | null]> = [
  ['north-1', 10, 'Ana@Example.com'],
  ['north-2', 11, 'ana@example.com '],
  ['south-1', 20, 'bo@example.com'],
  ['west-1', 30, 'cy@example.com'],
  ['west-2', 31, 'cy@example.com'],
  ['west-3', 32, 'cy@example.com'],
  ['orphan-1', 40, ''],
  ['orphan-2', 41, 'not an address'],
  ['orphan-3', 42, null],
  ['outside-1', 50, 'eve@elsewhere.test'],
];
const sql = `select * from (values ${rows
  .map(([k, n, m]) => `('${k}', ${n}, ${m === null ? 'null' : `'${m}'`})`)
  .join(', ')}) as t(item, amount, region_manager_email) order by item`;

const expected: Record<string, string[]> = {
  'ana@example.com': ['north-1', 'north-2'],
  'bo@example.com': ['south-1'],
  'cy@example.com': ['west-1', 'west-2', 'west-3'],
};

const channel = () =>
  createSmtpEmailChannel({ smtpUrl: catcher.url, from: 'Reports <reports@mail.example.test>' });

const report = {
  dataSource: { connectionId: 'demo', sql, parameters: [] },
  outputs: [{ format: 'csv' as const }],
};

/** The download link of a mail's body, and the CSV rows it serves. */
async function linkedRows(html: string): Promise<Array<Record<string, string>>> {
  const href = /href="([^"]+)"/.exec(html)?.[1];
  if (!href) throw new Error('no download link in the mail');
  const response = await fetch(href.replaceAll('&amp;', '&'));
  expect(response.status).toBe(200);
  return parse<Record<string, string>>(await response.text(), { columns: true });
}

describe('bursting by a column of recipient addresses', () => {
  it('sends each manager one mail whose file holds only their rows; a replay sends nothing twice', async () => {
    const h = burstHarness({ email: channel() });
    const { schedule } = await h.seed(report, {
      mode: 'column',
      column: 'region_manager_email',
      allowedDomains: ['example.com'],
    });
    const run = await h.runOnce(schedule);
    expect(run.error).toBeNull();
    expect(h.queries).toHaveLength(1); // extracted once
    const stored = (await h.kit.repos.runs.get(h.tenantId, run.ref.runId))!.doc;
    expect(stored.rowCount).toBe(rows.length);
    expect(stored.burst).toEqual({ mode: 'column', slices: 3, unassignedRows: 3, outsideDomains: 1 });

    const artifacts = await Promise.all(
      run.artifactIds.map(async (id) => (await h.kit.repos.artifacts.get(h.tenantId, id))!.doc),
    );
    expect(artifacts.map((a) => a.slice?.label).sort()).toEqual(Object.keys(expected));
    for (const a of artifacts) expect(a.blobName).not.toMatch(/@/);

    const planned = await planDeliveries(h.deliveries, run.ref);
    expect(planned.deliveryIds).toHaveLength(3);
    for (const id of planned.deliveryIds)
      expect(
        await deliver(h.deliveries, { tenantId: h.tenantId, deliveryId: id, final: false }),
      ).toMatchObject({
        status: 'sent',
      });

    const mails = await catcher.mailbox.list();
    expect(mails.map((m) => m.to).sort()).toEqual(Object.keys(expected).map((a) => [a]));
    for (const mail of mails) {
      const recipient = mail.to[0]!;
      expect(mail.attachments).toEqual([]);
      const got = await linkedRows(mail.html);
      expect(got.map((r) => r.item)).toEqual(expected[recipient]);
      expect(new Set(got.map((r) => (r.region_manager_email ?? '').trim().toLowerCase()))).toEqual(
        new Set([recipient]),
      );
    }

    // A replayed plan and redelivered records: the same ledger ids, and not one more mail.
    const again = await planDeliveries(h.deliveries, run.ref);
    expect(again.deliveryIds.sort()).toEqual([...planned.deliveryIds].sort());
    for (const id of again.deliveryIds)
      expect(await deliver(h.deliveries, { tenantId: h.tenantId, deliveryId: id, final: true })).toEqual({
        status: 'sent',
        replayed: true,
      });
    expect(await catcher.mailbox.list()).toHaveLength(3);
  });

  it("attaches to each manager's mail a PDF that shows their rows and none of anyone else's", async () => {
    const h = burstHarness({ email: channel() });
    const { schedule } = await h.seed(
      { ...report, outputs: [{ format: 'pdf' as const }] },
      { mode: 'column', column: 'region_manager_email', allowedDomains: ['example.com'] },
      { attachPdf: true },
    );
    const run = await h.runOnce(schedule);
    expect(run.error).toBeNull();
    for (const id of (await planDeliveries(h.deliveries, run.ref)).deliveryIds)
      expect(
        await deliver(h.deliveries, { tenantId: h.tenantId, deliveryId: id, final: false }),
      ).toMatchObject({
        status: 'sent',
      });

    const mails = await catcher.mailbox.list();
    expect(mails.map((m) => m.to[0]).sort()).toEqual(Object.keys(expected));
    const items = rows.map(([item]) => item);
    for (const mail of mails) {
      const parsed = await simpleParser((await catcher.mailbox.raw(mail.id))!);
      const pdfs = parsed.attachments.filter((a) => a.contentType === 'application/pdf');
      expect(pdfs).toHaveLength(1);
      const text = execFileSync('pdftotext', ['-', '-'], { input: pdfs[0]!.content, encoding: 'utf8' });
      const shown = items.filter((item) => new RegExp(`\\b${item}\\b`).test(text));
      expect(shown).toEqual(expected[mail.to[0]!]);
    }
  }, 120_000);

  it('fails the run with BURST_COLUMN_MISSING, with the columns to choose from, and delivers nothing', async () => {
    const h = burstHarness({ email: channel() });
    const { schedule } = await h.seed(report, { mode: 'column', column: 'manager' });
    const run = await h.runOnce(schedule);
    expect(run.error).toMatchObject({ code: 'BURST_COLUMN_MISSING' });
    expect(run.error?.suggestedFix).toContain('item, amount, region_manager_email');
    const stored = (await h.kit.repos.runs.get(h.tenantId, run.ref.runId))!.doc;
    expect(stored.status).toBe('failed');
    expect(await planDeliveries(h.deliveries, run.ref)).toEqual({ deliveryIds: [] });
    expect(await catcher.mailbox.list()).toEqual([]);
  });

  it('fails the run with BURST_TOO_MANY_SLICES past BURST_MAX_SLICES', async () => {
    const h = burstHarness({ email: channel(), burstMaxSlices: 2 });
    const { schedule } = await h.seed(report, { mode: 'column', column: 'region_manager_email' });
    const run = await h.runOnce(schedule);
    expect(run.error).toMatchObject({ code: 'BURST_TOO_MANY_SLICES' });
    expect(run.artifactIds).toEqual([]);
    expect(await planDeliveries(h.deliveries, run.ref)).toEqual({ deliveryIds: [] });
  });
});
