/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return -- assertions walk parsed JSON */
import JSZip from 'jszip';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { admin } from './testing/api-fixture';
import { getExport, startExport, useTenantExportApi, work } from './testing/tenant-export-fixture';
import { SECRETS, seedEverything } from './testing/tenant-export-seed';

// What the zip holds; tenant-export-lifecycle.test.ts has who may start one, how often, and how one fails.
const api = useTenantExportApi();

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

const lines = async (zip: JSZip, name: string) =>
  (await zip.file(name)!.async('string'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

describe('POST /v1/tenant/export', () => {
  it('writes a zip of everything the tenant has, without a secret, and links it signed with its sha256', async () => {
    const [tenant, other] = [api().tenant('exp'), api().tenant('oth')];
    const seeded = await seedEverything(api(), tenant);
    await seedEverything(api(), other);

    const started = await startExport(admin(tenant));
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ status: 'running' });
    expect(started.headers.location).toMatch(new RegExp(`/api/v1/tenant/exports/${started.json.id}$`));
    expect((await getExport(admin(tenant), started.json.id)).json.status).toBe('running');

    expect(await work(started.json.id)).toBe('succeeded');
    const done = await getExport(admin(tenant), started.json.id);
    expect(done.json).toMatchObject({ status: 'succeeded', sizeBytes: expect.any(Number) });
    expect(Date.parse(done.json.expiresAt) - Date.parse(done.json.finishedAt)).toBe(24 * 3_600_000);

    const bytes = await download(done.json.downloadUrl);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(done.json.sha256);
    expect(bytes.length).toBe(done.json.sizeBytes);
    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(
      [
        'manifest.json',
        'tenant.json',
        'reports.ndjson',
        'report-versions.ndjson',
        'schedules.ndjson',
        'delivery-targets.ndjson',
        'data-sources.ndjson',
        'holiday-calendars.ndjson',
        'event-triggers.ndjson',
        'subscriptions.ndjson',
        'runs.ndjson',
        'deliveries.ndjson',
        'audit-events.ndjson',
        'artifacts.ndjson',
      ].sort(),
    );
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest).toMatchObject({ tenant, formatVersion: 1, exportId: started.json.id });
    for (const name of names.filter((n) => n.endsWith('.ndjson')))
      expect(manifest.counts[name.replace('.ndjson', '')], name).toBe((await lines(zip, name)).length);
    expect(manifest.counts).toMatchObject({
      reports: 1,
      'delivery-targets': 1,
      'data-sources': 1,
      'event-triggers': 1,
      subscriptions: 1,
      runs: 1,
      deliveries: 1,
      artifacts: 1,
    });
    expect(manifest.counts['audit-events']).toBeGreaterThanOrEqual(6);

    // References stay, values never: not in any file, not even sealed.
    const text = (await Promise.all(names.map((n) => zip.file(n)!.async('string')))).join('\n');
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    expect(text).not.toContain('"ciphertext"');
    const [target] = await lines(zip, 'delivery-targets.ndjson');
    expect(target.config.secretRef).toBe('secret:hook-key');
    const [source] = await lines(zip, 'data-sources.ndjson');
    expect(source.config.passwordRef).toBe('secret:warehouse-password');
    // Tenant B's data never in A's export.
    expect(text).not.toContain(other);
    const [delivery] = await lines(zip, 'deliveries.ndjson');
    expect(delivery.receipt).toMatchObject({ runId: seeded.runId, artifactIds: [seeded.artifactId] });

    // The artifacts manifest: a working signed URL per file, the same bytes as the checksum says.
    const [artifact] = await lines(zip, 'artifacts.ndjson');
    expect(artifact).toMatchObject({
      id: seeded.artifactId,
      name: 'out.csv',
      format: 'csv',
      sha256: seeded.artifactSha,
    });
    const file = await download(artifact.url);
    expect(createHash('sha256').update(file).digest('hex')).toBe(seeded.artifactSha);
  });
});
