import { hostname } from 'node:os';
import type { AppConfig } from '../config/app-config';
import { createExpiringStores, createRetentionDeps } from './retention-deps';
import { createTenantQuotas } from './tenant-quota-deps';
import { createLogger } from '../adapters/observability/create-logger';
import { createMetrics } from '../adapters/observability/create-metrics';
import { createMetricProbes } from './metric-probes';
import { createTokenVerifier } from '../adapters/auth/jose-token-verifier';
import { createRedisClient } from '../adapters/rate-limit/create-redis-client';
import { createTenantRateLimiter } from '../adapters/rate-limit/create-tenant-rate-limiter';
import type { TenantRateLimiter } from '../adapters/rate-limit/tenant-rate-limiter';
import { createBlobArtifactStore } from '../adapters/blob/blob-artifact-store';
import { createBlobServiceClient } from '../adapters/blob/blob-service';
import { createDataSourceServices } from '../adapters/datasources/create-data-source-services';
import type { DataSourceDeps } from '../app/data-sources/data-source-deps';
import { readOperatorTenantSecrets } from '../config/secret-environment';
import { createDuckDbDemoSource } from '../adapters/datasources/duckdb-demo-source';
import { createServiceBusMessageBus } from '../adapters/messaging/service-bus-message-bus';
import { createStorageQueueMessageBus } from '../adapters/messaging/storage-queue-message-bus';
import { DefaultAzureCredential } from '@azure/identity';
import { storageTargetFromSettings, type StorageTarget } from '../adapters/storage/storage-target';
import { createTableArtifactExpiryIndex } from '../adapters/table/table-artifact-expiry-index';
import { createTableRepositories } from '../adapters/table/table-repositories';
import type { AuditArchiveDeps } from '../app/audit/archive-expired-audit';
import type { HousekeepingDeps } from '../app/housekeeping/run-housekeeping';
import type { EraseTenantDeps } from '../app/tenants/erase-tenant';
import type { RunRetentionDeps } from '../app/runs/expire-run-records';
import { createTableDueIndex, createTableFireGates } from '../adapters/table/table-scheduler-store';
import { createTableScheduleStateStore } from '../adapters/table/table-schedule-state-store';
import { createTableService } from '../adapters/table/table-service';
import type { RunDeps } from '../app/pipeline/run-deps';
import type { TenantDeps } from '../app/tenants/tenant-deps';
import { createTableTenantDirectory } from '../adapters/table/table-tenant-directory';
import type { ExecutionSlots } from '../ports/execution-slots';
import { executionQueueName } from '../contracts/run-messages';
import type { SweepDeps } from '../app/sweep/sweep-due-schedules';
import type { ScheduleDeps } from '../app/schedules/schedule-deps';
import { assertScheduleQuota } from '../app/quotas/assert-schedule-quota';
import type { CountedRunInserts, ExecutionQuota } from '../ports/execution-quota';
import type { ArtifactBlobStore } from '../ports/artifact-blob-store';
import type { MessageBus } from '../ports/message-bus';
import type { Repositories } from '../ports/repositories';
import type { HttpDeps, ReadinessProbe } from '../composition/http-deps';
import { createTableTriggerDirectory } from '../adapters/table/table-event-trigger-stores';
import { secretBoxFromSettings, type SecretBox } from '../app/event-triggers/secret-box';
import { defaultIdempotencyPolicy, type IdempotencyDeps } from '../app/idempotency/run-idempotently';
import type { SignatureLedger, TriggerDirectory } from '../ports/event-trigger-stores';
import { createDeliveryChannels } from '../adapters/channels/create-delivery-channels';
import type { ChannelKind, DeliveryChannel } from '../ports/delivery-channel';
import { createTableDeliveryLedger } from '../adapters/table/table-delivery-ledger';
import { createTenantSecretServices } from '../adapters/secrets/create-tenant-secret-services';
import type { TenantSecretDeps } from '../app/secrets/tenant-secret-deps';
import type { DeliveryDeps } from '../app/deliveries/delivery-deps';
import { deadLetterEvent } from '../app/deliveries/dead-letter-event';
import {
  createSubscriptionServices,
  type SubscriptionServices,
} from '../adapters/subscriptions/create-subscription-services';
import { createChromiumPdfRenderer } from '../adapters/chromium/chromium-pdf-renderer';
import { lazyPdfRenderer } from '../adapters/chromium/lazy-pdf-renderer';
import { createHtmlRenderer } from '../app/render/html-renderer';
import { createTemplateEngine } from '../app/render/template-engine';
import type { ReportRenderers } from '../app/pipeline/render-format';
import type { PreviewDeps } from '../app/preview/preview-deps';
import { createPreviewDeps } from './create-preview-deps';
import type { TenantExportDeps } from '../app/tenants/export/tenant-export-deps';
import { createTableTenantExports } from '../adapters/table/table-tenant-exports';

/** Everything the Azure entry points use, built once per process from the validated settings. */
export interface Deps extends HttpDeps {
  readonly repos: Repositories;
  readonly blobs: ArtifactBlobStore;
  readonly bus: MessageBus;
  readonly runs: RunDeps;
  readonly scheduler: SweepDeps;
  /** Tenant data sources: the `/v1/data-sources` use cases (runs get the resolver through `runs`). */
  readonly dataSources: DataSourceDeps;
  readonly schedules: ScheduleDeps;
  /**
   * The daily execution quota, counted in the tenant's partition of the runs table; the execution consumer
   * writes a scheduled fire's run row and its count in one transaction (`insertCounted`).
   */
  readonly quota: ExecutionQuota & Partial<CountedRunInserts>;
  /** Idempotency-Key records, for endpoints wrapped with `idempotent()`. */
  readonly idempotency: IdempotencyDeps;
  /** Event triggers: who owns a trigger id, signatures seen, and the key sealing trigger secrets. */
  readonly eventTriggers: {
    readonly directory: TriggerDirectory;
    readonly signatures: SignatureLedger;
    readonly secretBox: SecretBox | null;
  };
  /** Event subscriptions: the API's store, the fan-out and the signed sender; `publish` for producers. */
  readonly subscriptions: SubscriptionServices;
  /** Per-tenant execution slots (back-pressure: at most the tier's concurrent executions run). */
  readonly slots: ExecutionSlots;
  /** Tenant records: settings, the operator's plans, usage. */
  readonly tenants: TenantDeps;
  /** The delivery ledger and what a send needs. */
  readonly deliveries: DeliveryDeps;
  /** The audit archive (Blob, immutable) and the day index that finds expired audit days. */
  readonly auditArchive: AuditArchiveDeps;
  /** The hourly removal of expired records (idempotency keys, dispatches, receipts, signatures). */
  readonly housekeeping: HousekeepingDeps;
  /** The daily removal of finished runs past their tenant's retention and of past days' execution counters. */
  readonly runRetention: RunRetentionDeps;
  /** A tenant's erase (`DELETE /v1/tenant`): every row, blob and secret of it, and the platform's record. */
  readonly tenantErase: EraseTenantDeps;
  /** A tenant's export (`POST /v1/tenant/export`): every store of it read page by page into a zip in Blob. */
  readonly tenantExport: TenantExportDeps;
  /** Tenant secrets (`/v1/secrets`): each tenant's own namespace, values write-only. */
  readonly secrets: TenantSecretDeps;
  /** The delivery channels (transport only), one per kind, from the email / Slack / outbound settings. */
  readonly channels: Record<ChannelKind, DeliveryChannel>;
  /** Report previews and dry runs: the run pipeline's readers and renderers, and their own rate limit. */
  readonly preview: PreviewDeps & { readonly rateLimiter: TenantRateLimiter };
}

/** Service Bus when it is configured (Azure); otherwise Storage queues (local host, small installs). */
function createMessageBus(config: AppConfig, storage: StorageTarget, clock: () => Date): MessageBus {
  const namespace = config.ServiceBusConnection__fullyQualifiedNamespace;
  if (namespace)
    return createServiceBusMessageBus({
      fullyQualifiedNamespace: namespace,
      credential: new DefaultAzureCredential(),
    });
  if (config.ServiceBusConnection?.startsWith('Endpoint=sb://')) {
    return createServiceBusMessageBus({ connectionString: config.ServiceBusConnection });
  }
  return createStorageQueueMessageBus(storage, clock);
}

/** What a host adds to the product's parts; the local host's crash tests use the delivery checkpoint. */
export interface CompositionHooks {
  /** Called at each step of a delivery attempt (claimed, sent, recorded). */
  readonly deliveryCheckpoint?: NonNullable<DeliveryDeps['checkpoint']>;
}

/** Builds the dependencies from settings; `overrides` replace single parts (tests), `hooks` add a host's own. */
export function createDeps(
  config: AppConfig,
  overrides: Partial<Deps> = {},
  hooks: CompositionHooks = {},
): Deps {
  const logger = overrides.logger ?? createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
  const redis =
    !overrides.rateLimiter && config.REDIS_URL ? createRedisClient(config.REDIS_URL, logger) : undefined;
  const clock = () => new Date();
  const storage = storageTargetFromSettings({
    connectionString: config.AzureWebJobsStorage,
    accountName: config.AzureWebJobsStorage__accountName,
  });
  const tables = createTableService(storage, {
    onUnreadableRow: (row) => logger.error(row, 'stored row skipped: it does not parse'),
  });
  const repos = overrides.repos ?? createTableRepositories(tables);
  const blobService = createBlobServiceClient(storage);
  const blobs = overrides.blobs ?? createBlobArtifactStore(blobService, config.ARTIFACT_CONTAINER);
  const bus = overrides.bus ?? createMessageBus(config, storage, clock);
  const dueIndex = createTableDueIndex(tables);
  const deliveryLedger = createTableDeliveryLedger(tables);
  const stores = createExpiringStores(tables, repos, deliveryLedger);
  const {
    tenantProfiles,
    limitsOfTenant,
    tenantTier,
    countingQuota,
    alertingQuota,
    scheduleCountChanged,
    slots,
  } = createTenantQuotas(config, {
    tables,
    repos,
    bus,
    deliveryLedger: stores.deliveries,
    markers: stores.quotaAlertMarkers,
    clock,
    logger,
    overrides,
  });
  const quota = overrides.quota ?? alertingQuota;
  const readinessProbes = new Map<string, ReadinessProbe>([
    ['tables', () => tables.ping()],
    ['blobs', () => blobs.ping()],
    ['queues', () => bus.ping()],
  ]);
  const secretBox = secretBoxFromSettings({ key: config.EVENT_TRIGGER_KEY, localMode: config.LOCAL_MODE });
  const tenantSecrets = createTenantSecretServices(
    {
      ...(config.KEY_VAULT_URL ? { keyVaultUrl: config.KEY_VAULT_URL } : {}),
      cacheSeconds: config.KEY_VAULT_CACHE_SECONDS,
      operatorSettings: readOperatorTenantSecrets(),
    },
    { tables, secretBox, clock },
  );
  const dataSources = createDataSourceServices({
    tables,
    reports: repos.reports,
    audit: repos.audit,
    clock,
    outboundAllowlist: config.OUTBOUND_ALLOWLIST,
    secrets: tenantSecrets.resolver,
    demo: () => createDuckDbDemoSource({ rows: config.DEMO_SALES_ROWS }),
  });
  const metrics =
    overrides.metrics ??
    createMetrics({
      defaultMetrics: true,
      probes: createMetricProbes({
        bus,
        ...(redis ? { redis } : {}),
        databasePoolUsage: () => dataSources.resolver.poolUsage(),
      }),
    });
  const channels = overrides.channels ?? createDeliveryChannels(config, clock);
  const subscriptions =
    overrides.subscriptions ??
    stores.withExpiringDispatches(
      createSubscriptionServices({
        tables,
        audit: repos.audit,
        bus,
        clock,
        secretBox,
        outboundAllowlist: config.OUTBOUND_ALLOWLIST,
        publicBaseUrl: config.PUBLIC_BASE_URL,
        // Events go out exactly as webhook deliveries do: one channel, one SSRF guard.
        channel: channels.webhook,
      }),
    );
  const retention = createRetentionDeps(config, {
    tables,
    blobService,
    repos,
    stores,
    dispatches: subscriptions.ledger,
    secrets: tenantSecrets.store,
    bus,
    blobs,
    clock,
  });
  /** A short-lived blob goes into the housekeeping index, removed by the hourly pass once expired. */
  const expireBlob = (tenantId: string, blobName: string, expiresAt: string) =>
    stores.index.add({ store: 'blob', tenantId, key: blobName, expiresAt });
  const renderers: ReportRenderers = {
    html: createHtmlRenderer(createTemplateEngine()),
    // One browser per process, launched by the first PDF render; closed by the appTerminate hook.
    pdf: lazyPdfRenderer(() =>
      createChromiumPdfRenderer({
        poolSize: config.PDF_PAGE_POOL_SIZE,
        renderTimeoutMs: config.PDF_RENDER_TIMEOUT_MS,
        chunkRows: config.PDF_CHUNK_ROWS,
      }),
    ),
    maxTemplateRows: config.TEMPLATE_MAX_ROWS,
  };
  return {
    config,
    logger,
    clock,
    tokenVerifier: createTokenVerifier({
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
      jwksUrl: config.AUTH_JWKS_URL,
      algorithms: config.AUTH_ALGORITHMS,
    }),
    rateLimiter: createTenantRateLimiter({ ...(redis ? { redis } : {}), logger }),
    metrics,
    tenantTier,
    tenantProfiles,
    slots,
    tenants: {
      repos,
      profiles: tenantProfiles,
      directory: createTableTenantDirectory(tables),
      quota: alertingQuota,
      clock,
    },
    readinessProbes,
    repos,
    blobs,
    bus,
    dataSources: dataSources.api,
    runs: {
      repos,
      blobs,
      expiry: createTableArtifactExpiryIndex(tables),
      dataSources: dataSources.resolver,
      clock,
      workerId: `${hostname()}:${process.pid}`,
      limits: { timeoutMs: 60_000, maxRows: 5_000_000 },
      renderers,
      publishEvent: subscriptions.publish,
      slots,
      renderJobs: { minRows: config.RENDER_JOB_MIN_ROWS, timeoutSeconds: config.RENDER_JOB_TIMEOUT_SECONDS },
      burstMaxSlices: config.BURST_MAX_SLICES,
      metrics,
      ...(overrides.quota ? {} : { quotaRefund: countingQuota }),
    },
    scheduler: {
      repos,
      schedules: createTableScheduleStateStore(tables),
      dueIndex,
      gates: createTableFireGates(tables),
      bus,
      clock,
      executionQueue: executionQueueName,
      lookaheadSeconds: config.SCHEDULER_LOOKAHEAD_SECONDS,
      misfireGraceSeconds: 60,
      batchFires: config.SCHEDULER_BATCH_FIRES,
    },
    schedules: {
      repos,
      dueIndex,
      clock,
      runNow: { repos, bus, quota, clock },
      assertScheduleQuota: (tenantId, tier) =>
        assertScheduleQuota(
          { repos, limitOf: async (id) => (await limitsOfTenant(id)).schedules },
          tenantId,
          tier,
        ),
      scheduleCountChanged,
    },
    quota,
    idempotency: { store: stores.idempotency, policy: defaultIdempotencyPolicy, clock },
    subscriptions,
    channels,
    deliveries: {
      repos,
      ledger: stores.deliveries,
      blobs,
      channels,
      secrets: tenantSecrets.resolver,
      clock,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      signedUrlTtlHours: config.SIGNED_URL_TTL_HOURS,
      retry: {
        baseMs: config.DELIVERY_RETRY_BASE_SECONDS * 1000,
        capMs: config.DELIVERY_RETRY_CAP_SECONDS * 1000,
      },
      ...(hooks.deliveryCheckpoint ? { checkpoint: hooks.deliveryCheckpoint } : {}),
      sendLeaseMs: config.DELIVERY_SEND_LEASE_SECONDS * 1000,
      log: logger,
      metrics,
      onDeadLettered: (record) => subscriptions.publish(deadLetterEvent(record)),
    },
    ...retention,
    tenantExport: {
      exports: createTableTenantExports(tables),
      repos,
      dataSources: dataSources.api.dataSources,
      subscriptions: subscriptions.subscriptions,
      deliveries: stores.deliveries,
      archive: retention.auditArchive.archive,
      blobs,
      bus,
      clock,
      expireBlob,
    },
    secrets: { store: tenantSecrets.store, operator: tenantSecrets.operator, audit: repos.audit, clock },
    preview: createPreviewDeps(config, {
      repos,
      blobs,
      dataSources: dataSources.resolver,
      renderers,
      clock,
      channels,
      ...(redis ? { redis } : {}),
      logger,
      expireBlob,
    }),
    eventTriggers: {
      directory: createTableTriggerDirectory(tables),
      signatures: stores.signatures,
      secretBox,
    },
    ...overrides,
  };
}
