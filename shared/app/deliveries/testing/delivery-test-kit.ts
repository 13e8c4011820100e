// Test support (not shipped): delivery dependencies on the test Azurite, and a run with stored artifacts.
import { BlobServiceClient } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import { Counter, Histogram, Registry } from 'prom-client';
import { createBlobArtifactStore } from '../../../adapters/blob/blob-artifact-store';
import {
  createOperatorTenantSecrets,
  operatorSettingName,
} from '../../../adapters/secrets/operator-tenant-secrets';
import { createTableTenantSecretStore } from '../../../adapters/secrets/table-tenant-secret-store';
import { createSecretBox } from '../../event-triggers/secret-box';
import { createSecretResolver } from '../../secrets/secret-resolver';
import { createTableDeliveryLedger } from '../../../adapters/table/table-delivery-ledger';
import { createTableRepositories } from '../../../adapters/table/table-repositories';
import { createTableService } from '../../../adapters/table/table-service';
import type { Artifact } from '../../../contracts/artifact';
import type { Tenant } from '../../../contracts/tenant';
import type { DeliveryTarget } from '../../../contracts/delivery-target';
import type { ExecutionRun } from '../../../contracts/run';
import { ScheduleRecord } from '../../../contracts/schedule';
import type { EmailDelivery } from '../../../contracts/schedule-email-delivery';
import { newId } from '../../../domain/ids';
import type { DeliveryDeps } from '../delivery-deps';
import { testConnectionString, uniqueName } from '../../../../test/support/storage';
import { createRecordingChannel } from './recording-channel';

const id = () => newId(new Date(), (n) => randomBytes(n));

export function createDeliveryTestKit(
  options: {
    /** Secrets of the kit's tenant by name, given as the operator would (TENANT_SECRET_… settings). */
    secrets?: Record<string, string>;
    maxAttachmentBytes?: number;
    slackFileBytes?: number;
    /** Fields of the kit tenant's record (its tier, its own attachment limit, …). */
    tenant?: Partial<Tenant>;
  } = {},
) {
  const connectionString = testConnectionString();
  const tables = createTableService({ connectionString }, { prefix: uniqueName('d') });
  const repos = createTableRepositories(tables);
  const tenantId = uniqueName('tenant');
  const clock = () => new Date();
  const secretStore = createTableTenantSecretStore(tables, createSecretBox(randomBytes(32)), clock);
  const operator = createOperatorTenantSecrets(
    Object.fromEntries(
      Object.entries(options.secrets ?? {}).map(([name, value]) => [
        operatorSettingName(tenantId, name),
        value,
      ]),
    ),
  );
  const blobs = createBlobArtifactStore(
    BlobServiceClient.fromConnectionString(connectionString),
    uniqueName('art'),
  );
  const channels = {
    email: createRecordingChannel('email', options.maxAttachmentBytes),
    webhook: createRecordingChannel('webhook', 0),
    slack: createRecordingChannel('slack', options.slackFileBytes ?? 0),
  };
  const registry = new Registry();
  const metrics = {
    registry,
    deliveryLatency: new Histogram({
      name: 'delivery_latency_seconds',
      help: 'h',
      labelNames: ['channel'],
      registers: [registry],
    }),
    deliveryAttempts: new Counter({
      name: 'delivery_attempts_total',
      help: 'h',
      labelNames: ['channel', 'status'],
      registers: [registry],
    }),
  };
  const deadLettered: string[] = [];
  const deps: DeliveryDeps = {
    repos,
    ledger: createTableDeliveryLedger(tables),
    blobs,
    channels,
    secrets: createSecretResolver({ store: secretStore, operator }),
    clock,
    publicBaseUrl: 'https://reports.example.test',
    signedUrlTtlHours: 24,
    retry: { baseMs: 1_000, capMs: 8_000 },
    sendLeaseMs: 60_000,
    metrics,
    onDeadLettered: (record) => {
      deadLettered.push(record.id);
      return Promise.resolve();
    },
  };

  /** A tenant, a report, a schedule with the given delivery settings, a succeeded run and its artifacts. */
  async function seedRun(setup: {
    email?: Partial<EmailDelivery> & { recipients: string[] };
    targets?: Array<Pick<DeliveryTarget, 'type' | 'config'>>;
    files?: Array<{ format: Artifact['format']; body: Buffer }>;
  }) {
    const now = new Date().toISOString();
    await repos.tenants
      .insert(tenantId, {
        id: tenantId,
        name: 'Acme <Corp>',
        tier: 'standard',
        timezone: 'Pacific/Auckland',
        retentionDays: 30,
        createdAt: now,
        ...options.tenant,
      })
      .catch(() => undefined);
    const reportId = id();
    await repos.reports.insert(tenantId, {
      id: reportId,
      tenantId,
      name: 'Sales <b>by</b> region',
      description: '',
      dataSource: { connectionId: 'demo', sql: 'select 1' },
      outputs: [{ format: 'csv' }],
      active: true,
      createdBy: 'u1',
      createdAt: now,
      updatedAt: now,
    } as never);
    const targetIds: string[] = [];
    for (const t of setup.targets ?? []) {
      const targetId = id();
      await repos.deliveryTargets.insert(tenantId, {
        ...t,
        id: targetId,
        tenantId,
        name: t.type,
        active: true,
        createdBy: 'u1',
        createdAt: now,
        updatedAt: now,
      } as DeliveryTarget);
      targetIds.push(targetId);
    }
    const scheduleId = id();
    await repos.schedules.insert(
      tenantId,
      ScheduleRecord.parse({
        id: scheduleId,
        tenantId,
        reportId,
        rule: { kind: 'cron', expression: '0 9 * * *', timezone: 'UTC' },
        emailDelivery: setup.email ? { enabled: true, attachPdf: false, ...setup.email } : null,
        deliveryTargetIds: targetIds,
        active: true,
        nextRunAt: null,
        createdBy: 'u1',
        createdAt: now,
        updatedAt: now,
      }),
    );
    const runId = id();
    const run: ExecutionRun = {
      id: runId,
      tenantId,
      reportId,
      scheduleId,
      trigger: 'schedule',
      fireTime: '2026-11-27T20:00:00.000Z',
      status: 'succeeded',
      attempt: 1,
      parameters: {},
      steps: [],
      rowCount: 3,
      bytes: 0,
      workerId: 'w',
      error: null,
      createdAt: now,
      startedAt: now,
      endedAt: now,
    };
    await repos.runs.insert(tenantId, run);
    const artifacts: Artifact[] = [];
    for (const file of setup.files ?? [{ format: 'csv', body: Buffer.from('region,total\nnorth,1\n') }]) {
      const contentType = file.format === 'pdf' ? 'application/pdf' : 'text/csv';
      const stored = await blobs.write(
        tenantId,
        `reports/${reportId}/${runId}/report.${file.format}`,
        file.body,
        contentType,
      );
      const artifact: Artifact = {
        id: id(),
        tenantId,
        runId,
        reportId,
        format: file.format,
        contentType,
        bytes: stored.bytes,
        checksum: stored.sha256,
        blobName: stored.blobName,
        fileName: `report.${file.format}`,
        createdAt: now,
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      };
      await repos.artifacts.insert(tenantId, artifact);
      artifacts.push(artifact);
    }
    return { run, artifacts, targetIds, ref: { tenantId, runId } };
  }

  return { deps, channels, metrics, deadLettered, tenantId, repos, blobs, secretStore, seedRun };
}
