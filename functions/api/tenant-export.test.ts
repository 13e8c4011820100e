/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- assertions walk parsed JSON */
import { BlobServiceClient } from '@azure/storage-blob';
import JSZip from 'jszip';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTenantExport } from '../../shared/app/tenants/export/get-tenant-export';
import { runTenantExport } from '../../shared/app/tenants/export/run-tenant-export';
import { EXPORT_LEASE_MINUTES } from '../../shared/app/tenants/export/tenant-export-deps';
import { exampleReportRequest } from '../../shared/contracts/report-resources';
import { tenantExportQueueName, type TenantExportRequested } from '../../shared/contracts/tenant-export';
import type { ExecutionRun } from '../../shared/contracts/run';
import type { DeliveryRecord } from '../../shared/contracts/delivery';
import type { MessageBus, OutgoingMessage } from '../../shared/ports/message-bus';
import { startApiFixture, type ApiFixture, type Caller, admin, creator, viewer } from './testing/api-fixture';

// The real endpoints over Azurite; the queue is a recorder so each test runs the worker's use case itself
// (the consumer function is a thin wrapper over it: functions/queues/tenant-export-requested.ts).
let api: ApiFixture;
const queued: { queue: string; message: OutgoingMessage }[] = [];
const bus: MessageBus = {
  publish: (queue, message) => Promise.resolve(void queued.push({ queue, message })),
  ping: () => Promise.resolve(),
};
beforeAll(async () => {
  api = await startApiFixture(
    () =>
      Promise.all([
        import('./tenant-export.js'),
        import('./reports.js'),
        import('./secrets.js'),
        import('./delivery-targets.js'),
        import('./data-sources.js'),
        import('./event-triggers.js'),
        import('./subscriptions.js'),
      ]),
    { overrides: () => ({ bus }) },
  );
});
afterAll(() => api.close());

const SECRETS = {
  password: 'PW-neverInTheZip-7781',
  hook: 'HOOK-neverInTheZip-9912',
  sig: 'SIGneverInTheZip4471',
};

const call = (name: string, method: string, path: string, as: Caller, body?: unknown) =>
  api.call(name, { method, path, as, ...(body === undefined ? {} : { body }) });
const start = (as: Caller, headers: Record<string, string> = {}) =>
  api.call('startTenantExport', { method: 'POST', path: '/api/v1/tenant/export', as, headers });
const getExport = (as: Caller, id: string) =>
  api.call('getTenantExport', { path: `/api/v1/tenant/exports/${id}`, params: { id }, as });
const work = (exportId: string) => {
  const found = queued.find((q) => (q.message.body as TenantExportRequested).exportId === exportId);
  expect(found?.queue).toBe(tenantExportQueueName);
  return runTenantExport(api.deps.tenantExport, found!.message.body as TenantExportRequested);
};

/** Every kind of thing a tenant has, secret-bearing ones with known secret values. */
async function seed(tenant: string) {
  const as = admin(tenant);
  for (const [name, value] of [
    ['warehouse-password', SECRETS.password],
    ['hook-key', SECRETS.hook],
  ] as const)
    expect(
      (
        await api.call('putSecret', {
          method: 'PUT',
          path: `/api/v1/secrets/${name}`,
          params: { name },
          as,
          body: { value },
        })
      ).status,
    ).toBeLessThan(300);
  const report = await call('createReport', 'POST', '/api/v1/reports', as, exampleReportRequest);
  expect(report.status).toBe(201);
  const reportId = report.json.id as string;
  expect(
    (
      await call('createDeliveryTarget', 'POST', '/api/v1/delivery-targets', as, {
        type: 'webhook',
        name: `Hook of ${tenant}`,
        config: { url: 'https://hooks.example.com/reports', secretRef: 'secret:hook-key' },
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await call('createDataSource', 'POST', '/api/v1/data-sources', as, {
        type: 'postgres',
        name: `Warehouse of ${tenant}`,
        config: {
          host: 'warehouse.example.com',
          database: 'analytics',
          user: 'reader',
          passwordRef: 'secret:warehouse-password',
        },
      })
    ).status,
  ).toBe(201);
  const trigger = await call('createEventTrigger', 'POST', '/api/v1/event-triggers', as, {
    name: 'Orders closed',
    reportId,
  });
  expect(trigger.status).toBe(201);
  const subscription = await call('createSubscription', 'POST', '/api/v1/subscriptions', as, {
    url: `https://prod-03.westus.logic.azure.com/workflows/x/triggers/manual/paths/invoke?sig=${SECRETS.sig}`,
    events: ['run.succeeded'],
  });
  expect(subscription.status).toBe(201);
  const now = new Date().toISOString();
  const run: ExecutionRun = {
    id: randomUUID(),
    tenantId: tenant,
    reportId,
    scheduleId: null,
    trigger: 'manual',
    fireTime: null,
    status: 'succeeded',
    attempt: 1,
    parameters: {},
    steps: [],
    rowCount: 1,
    bytes: 3,
    workerId: null,
    error: null,
    createdAt: now,
    startedAt: now,
    endedAt: now,
  };
  await api.deps.repos.runs.insert(tenant, run);
  const file = await api.deps.blobs.write(
    tenant,
    `${run.id}/out.csv`,
    Buffer.from(`a,b\n${tenant},1\n`),
    'text/csv',
  );
  const artifactId = randomUUID();
  await api.deps.repos.artifacts.insert(tenant, {
    id: artifactId,
    tenantId: tenant,
    runId: run.id,
    reportId,
    format: 'csv',
    contentType: 'text/csv',
    bytes: file.bytes,
    checksum: file.sha256,
    blobName: file.blobName,
    fileName: 'out.csv',
    createdAt: now,
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  const delivery: DeliveryRecord = {
    id: randomUUID(),
    tenantId: tenant,
    runId: run.id,
    scheduleId: null,
    reportId,
    artifactIds: [artifactId],
    targetId: 'schedule-email',
    channel: 'email',
    recipient: `ops@${tenant}.example`,
    status: 'sent',
    attempts: 1,
    createdAt: now,
    firstAttemptAt: now,
    lastAttemptAt: now,
    sentAt: now,
    latencyMs: 5,
    statusCode: 250,
    providerMessageId: null,
    link: { url: `https://storage.example/x?sig=${SECRETS.sig}`, expiresAt: now },
    note: null,
    error: null,
    redrives: 0,
  };
  await api.deps.tenantExport.deliveries.insert(tenant, delivery);
  return { reportId, runId: run.id, artifactId, artifactSha: file.sha256 };
}

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
    const [tenant, other] = [api.tenant('exp'), api.tenant('oth')];
    const seeded = await seed(tenant);
    await seed(other);

    const started = await start(admin(tenant));
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

  it('runs one export at a time: 409 EXPORT_IN_PROGRESS while one runs, a new one once it finished', async () => {
    const tenant = api.tenant('one');
    const first = await start(admin(tenant));
    expect(first.status).toBe(202);
    const second = await start(admin(tenant));
    expect(second.status).toBe(409);
    expect(second.json.error).toMatchObject({
      code: 'EXPORT_IN_PROGRESS',
      details: { exportId: first.json.id },
    });
    await work(first.json.id);
    expect((await start(admin(tenant))).status).toBe(202);
    const list = await api.call('listTenantExports', { path: '/api/v1/tenant/exports', as: admin(tenant) });
    expect(list.json.items.map((e: { status: string }) => e.status)).toEqual(['running', 'succeeded']);
  });

  it('honours Idempotency-Key: a repeat answers the same export', async () => {
    const tenant = api.tenant('idem');
    const headers = { 'Idempotency-Key': 'export-once' };
    const first = await start(admin(tenant), headers);
    const again = await start(admin(tenant), headers);
    expect(again.status).toBe(202);
    expect(again.json.id).toBe(first.json.id);
  });

  it('is for tenant admins: a viewer or report creator is refused 403, another tenant’s export is not found', async () => {
    const tenant = api.tenant('auth');
    expect((await start(viewer(tenant))).status).toBe(403);
    expect((await start(creator(tenant))).status).toBe(403);
    const mine = await start(admin(tenant));
    expect((await getExport(viewer(tenant), mine.json.id)).status).toBe(403);
    expect((await getExport(admin(api.tenant('else')), mine.json.id)).status).toBe(404);
  });

  it('marks a failed export failed with a reason and leaves no zip; a worker that died is failed by its lease', async () => {
    const tenant = api.tenant('fail');
    const broken = await start(admin(tenant));
    const { tenantExport } = api.deps;
    const failing = {
      ...tenantExport,
      repos: {
        ...tenantExport.repos,
        runs: { ...tenantExport.repos.runs, list: () => Promise.reject(new Error('table went away')) },
      },
    };
    const message = queued.find(
      (q) => (q.message.body as TenantExportRequested).exportId === broken.json.id,
    )!;
    expect(await runTenantExport(failing, message.message.body as TenantExportRequested)).toBe('failed');
    const failed = await getExport(admin(tenant), broken.json.id);
    expect(failed.json).toMatchObject({ status: 'failed', failureReason: 'EXPORT_FAILED' });
    expect(failed.json.downloadUrl).toBeUndefined();
    const zips: string[] = [];
    for await (const blob of BlobServiceClient.fromConnectionString(api.deps.config.AzureWebJobsStorage!)
      .getContainerClient(api.deps.config.ARTIFACT_CONTAINER)
      .listBlobsFlat({ prefix: `tenants/${tenant}/exports/` }))
      zips.push(blob.name);
    expect(zips).toEqual([]);

    // A worker that never reports back: past the lease the export reads as failed, and a new one may start.
    const stuck = await start(admin(tenant));
    const later = new Date(Date.now() + (EXPORT_LEASE_MINUTES + 1) * 60_000);
    const afterLease = { ...tenantExport, clock: () => later };
    const principal = { tenantId: tenant, userId: 'admin', roles: ['tenant_admin' as const] };
    expect(await getTenantExport(afterLease, principal, stuck.json.id)).toMatchObject({
      status: 'failed',
      failureReason: 'EXPORT_TIMED_OUT',
    });
    // The late message then does nothing.
    const late = queued.find((q) => (q.message.body as TenantExportRequested).exportId === stuck.json.id)!;
    expect(await runTenantExport(tenantExport, late.message.body as TenantExportRequested)).toBe('skipped');
    expect((await start(admin(tenant))).status).toBe(202);
  });
});
