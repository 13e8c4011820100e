import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { exampleReportRequest } from '../../../shared/contracts/report-resources';
import { emailDelivery } from '../../../shared/app/deliveries/testing/delivery-records';
import { succeededRun } from '../../../test/support/run-records';
import { admin, type ApiFixture } from './api-fixture';

/** Secret values seeded into the tenant: the export must carry none of them, not even sealed. */
export const SECRETS = {
  password: 'PW-neverInTheZip-7781',
  hook: 'HOOK-neverInTheZip-9912',
  sig: 'SIGneverInTheZip4471',
};

/** Every kind of thing a tenant has, secret-bearing ones with known secret values. */
export async function seedEverything(api: ApiFixture, tenant: string) {
  const as = admin(tenant);
  const post = (name: string, path: string, body: unknown) =>
    api.call(name, { method: 'POST', path, as, body });
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
  const report = await post('createReport', '/api/v1/reports', exampleReportRequest);
  expect(report.status).toBe(201);
  const reportId = (report.json as { id: string }).id;
  expect(
    (
      await post('createDeliveryTarget', '/api/v1/delivery-targets', {
        type: 'webhook',
        name: `Hook of ${tenant}`,
        config: { url: 'https://hooks.example.com/reports', secretRef: 'secret:hook-key' },
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await post('createDataSource', '/api/v1/data-sources', {
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
  const trigger = await post('createEventTrigger', '/api/v1/event-triggers', {
    name: 'Orders closed',
    reportId,
  });
  expect(trigger.status).toBe(201);
  const subscription = await post('createSubscription', '/api/v1/subscriptions', {
    url: `https://prod-03.westus.logic.azure.com/workflows/x/triggers/manual/paths/invoke?sig=${SECRETS.sig}`,
    events: ['run.succeeded'],
  });
  expect(subscription.status).toBe(201);
  const now = new Date().toISOString();
  const run = succeededRun({
    id: randomUUID(),
    tenantId: tenant,
    reportId,
    rowCount: 1,
    bytes: 3,
    createdAt: now,
  });
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
  const delivery = emailDelivery({
    id: randomUUID(),
    tenantId: tenant,
    runId: run.id,
    reportId,
    artifactIds: [artifactId],
    recipient: `ops@${tenant}.example`,
    createdAt: now,
    firstAttemptAt: now,
    lastAttemptAt: now,
    sentAt: now,
    latencyMs: 5,
    statusCode: 250,
    link: { url: `https://storage.example/x?sig=${SECRETS.sig}`, expiresAt: now },
  });

  await api.deps.tenantExport.deliveries.insert(tenant, delivery);
  return { reportId, runId: run.id, artifactId, artifactSha: file.sha256 };
}
