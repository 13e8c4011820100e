/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- assertions walk parsed JSON */
import { BlobServiceClient } from '@azure/storage-blob';
import { describe, expect, it } from 'vitest';
import { getTenantExport } from '../../shared/app/tenants/export/get-tenant-export';
import { runTenantExport } from '../../shared/app/tenants/export/run-tenant-export';
import { EXPORT_LEASE_MINUTES } from '../../shared/app/tenants/export/tenant-export-deps';
import { admin, creator, viewer } from './testing/api-fixture';
import { getExport, requestOf, startExport, useTenantExportApi, work } from './testing/tenant-export-fixture';

// Who may start an export, how often, and how one fails; tenant-export.test.ts has what the zip holds.
const api = useTenantExportApi();

describe('POST /v1/tenant/export: one at a time, once, for admins, failed rather than stuck', () => {
  it('runs one export at a time: 409 EXPORT_IN_PROGRESS while one runs, a new one once it finished', async () => {
    const tenant = api().tenant('one');
    const first = await startExport(admin(tenant));
    expect(first.status).toBe(202);
    const second = await startExport(admin(tenant));
    expect(second.status).toBe(409);
    expect(second.json.error).toMatchObject({
      code: 'EXPORT_IN_PROGRESS',
      details: { exportId: first.json.id },
    });
    await work(first.json.id);
    expect((await startExport(admin(tenant))).status).toBe(202);
    const list = await api().call('listTenantExports', { path: '/api/v1/tenant/exports', as: admin(tenant) });
    expect(list.json.items.map((e: { status: string }) => e.status)).toEqual(['running', 'succeeded']);
  });

  it('honours Idempotency-Key: a repeat answers the same export', async () => {
    const tenant = api().tenant('idem');
    const headers = { 'Idempotency-Key': 'export-once' };
    const first = await startExport(admin(tenant), headers);
    const again = await startExport(admin(tenant), headers);
    expect(again.status).toBe(202);
    expect(again.json.id).toBe(first.json.id);
  });

  it('is for tenant admins: a viewer or report creator is refused 403, another tenant’s export is not found', async () => {
    const tenant = api().tenant('auth');
    expect((await startExport(viewer(tenant))).status).toBe(403);
    expect((await startExport(creator(tenant))).status).toBe(403);
    const mine = await startExport(admin(tenant));
    expect((await getExport(viewer(tenant), mine.json.id)).status).toBe(403);
    expect((await getExport(admin(api().tenant('else')), mine.json.id)).status).toBe(404);
  });

  it('marks a failed export failed with a reason and leaves no zip; a worker that died is failed by its lease', async () => {
    const tenant = api().tenant('fail');
    const broken = await startExport(admin(tenant));
    const { tenantExport } = api().deps;
    const failing = {
      ...tenantExport,
      repos: {
        ...tenantExport.repos,
        runs: { ...tenantExport.repos.runs, list: () => Promise.reject(new Error('table went away')) },
      },
    };
    expect(await runTenantExport(failing, requestOf(broken.json.id))).toBe('failed');
    const failed = await getExport(admin(tenant), broken.json.id);
    expect(failed.json).toMatchObject({ status: 'failed', failureReason: 'EXPORT_FAILED' });
    expect(failed.json.downloadUrl).toBeUndefined();
    const zips: string[] = [];
    for await (const blob of BlobServiceClient.fromConnectionString(api().deps.config.AzureWebJobsStorage!)
      .getContainerClient(api().deps.config.ARTIFACT_CONTAINER)
      .listBlobsFlat({ prefix: `tenants/${tenant}/exports/` }))
      zips.push(blob.name);
    expect(zips).toEqual([]);

    // A worker that never reports back: past the lease the export reads as failed, and a new one may start.
    const stuck = await startExport(admin(tenant));
    const later = new Date(Date.now() + (EXPORT_LEASE_MINUTES + 1) * 60_000);
    const afterLease = { ...tenantExport, clock: () => later };
    const principal = { tenantId: tenant, userId: 'admin', roles: ['tenant_admin' as const] };
    expect(await getTenantExport(afterLease, principal, stuck.json.id)).toMatchObject({
      status: 'failed',
      failureReason: 'EXPORT_TIMED_OUT',
    });
    // The late message then does nothing.
    expect(await runTenantExport(tenantExport, requestOf(stuck.json.id))).toBe('skipped');
    expect((await startExport(admin(tenant))).status).toBe(202);
  });
});
