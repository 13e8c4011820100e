import type { AppConfig } from '../config/app-config';
import { createTokenVerifier } from '../adapters/auth/jose-token-verifier';
import { createDeliveryChannels } from '../adapters/channels/create-delivery-channels';
import { createLogger } from '../adapters/observability/create-logger';
import { createMetrics } from '../adapters/observability/create-metrics';
import { createRedisClient } from '../adapters/rate-limit/create-redis-client';
import { createTenantRateLimiter } from '../adapters/rate-limit/create-tenant-rate-limiter';
import { createTableDeliveryLedger } from '../adapters/table/table-delivery-ledger';
import { createTableTriggerDirectory } from '../adapters/table/table-event-trigger-stores';
import { createTableDueIndex } from '../adapters/table/table-scheduler-store';
import { createTableTenantDirectory } from '../adapters/table/table-tenant-directory';
import { secretBoxFromSettings } from '../app/event-triggers/secret-box';
import { defaultIdempotencyPolicy } from '../app/idempotency/run-idempotently';
import { createPreviewDeps } from './create-preview-deps';
import { createDataSources, createTenantSecrets } from './data-source-deps';
import { createDeliveryDeps, createEventSubscriptions } from './delivery-deps';
import type { CompositionHooks, Deps } from './deps';
import { createExpiringStores } from './expiring-stores-deps';
import { createMetricProbes } from './metric-probes';
import { createReportRenderers } from './render-deps';
import { createRetentionDeps } from './retention-deps';
import { createRunDeps } from './run-pipeline-deps';
import { createScheduleDeps, createSchedulerDeps } from './scheduling-deps';
import { createStorageDeps } from './storage-deps';
import { createTenantExportDeps } from './tenant-export-deps';
import { createTenantQuotas } from './tenant-quota-deps';

export type { CompositionHooks, Deps } from './deps';

/**
 * Builds the dependencies from settings; `overrides` replace single parts (tests), `hooks` add a host's own.
 * Each part is built in its own file; this one says in which order and what each is given.
 */
export function createDeps(
  config: AppConfig,
  overrides: Partial<Deps> = {},
  hooks: CompositionHooks = {},
): Deps {
  const logger = overrides.logger ?? createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
  const redis =
    !overrides.rateLimiter && config.REDIS_URL ? createRedisClient(config.REDIS_URL, logger) : undefined;
  const clock = () => new Date();
  const { tables, repos, blobService, blobs, bus, readinessProbes } = createStorageDeps(config, {
    logger,
    clock,
    overrides,
  });
  const dueIndex = createTableDueIndex(tables);
  const stores = createExpiringStores(tables, repos, createTableDeliveryLedger(tables));
  const quotas = createTenantQuotas(config, {
    tables,
    repos,
    bus,
    deliveryLedger: stores.deliveries,
    markers: stores.quotaAlertMarkers,
    clock,
    logger,
    overrides,
  });
  const { tenantProfiles, slots } = quotas;
  const quota = overrides.quota ?? quotas.alertingQuota;
  const secretBox = secretBoxFromSettings({ key: config.EVENT_TRIGGER_KEY, localMode: config.LOCAL_MODE });
  const tenantSecrets = createTenantSecrets(config, { tables, secretBox, clock });
  const dataSources = createDataSources(config, { tables, repos, clock, secrets: tenantSecrets.resolver });
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
    createEventSubscriptions(config, { tables, repos, bus, clock, secretBox, channels, stores });
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
  const renderers = createReportRenderers(config);
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
    tenantTier: quotas.tenantTier,
    tenantProfiles,
    slots,
    tenants: {
      repos,
      profiles: tenantProfiles,
      directory: createTableTenantDirectory(tables),
      quota: quotas.alertingQuota,
      clock,
    },
    readinessProbes,
    repos,
    blobs,
    bus,
    dataSources: dataSources.api,
    runs: createRunDeps(config, {
      tables,
      repos,
      blobs,
      dataSources: dataSources.resolver,
      clock,
      renderers,
      publishEvent: subscriptions.publish,
      slots,
      metrics,
      ...(overrides.quota ? {} : { quotaRefund: quotas.countingQuota }),
    }),
    scheduler: createSchedulerDeps(config, { tables, repos, dueIndex, bus, clock }),
    schedules: createScheduleDeps({
      repos,
      dueIndex,
      bus,
      quota,
      clock,
      limitsOfTenant: quotas.limitsOfTenant,
      scheduleCountChanged: quotas.scheduleCountChanged,
    }),
    quota,
    idempotency: { store: stores.idempotency, policy: defaultIdempotencyPolicy, clock },
    subscriptions,
    channels,
    deliveries: createDeliveryDeps(config, {
      repos,
      stores,
      blobs,
      channels,
      secrets: tenantSecrets.resolver,
      clock,
      logger,
      metrics,
      subscriptions,
      hooks,
    }),
    ...retention,
    tenantExport: createTenantExportDeps({
      tables,
      repos,
      dataSources,
      subscriptions,
      stores,
      auditArchive: retention.auditArchive,
      blobs,
      bus,
      clock,
    }),
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
      expireBlob: stores.expireBlob,
    }),
    eventTriggers: {
      directory: createTableTriggerDirectory(tables),
      signatures: stores.signatures,
      secretBox,
    },
    ...overrides,
  };
}
