import type { TenantRateLimiter } from '../adapters/rate-limit/tenant-rate-limiter';
import type { SubscriptionServices } from '../adapters/subscriptions/create-subscription-services';
import type { AuditArchiveDeps } from '../app/audit/archive-expired-audit';
import type { DataSourceDeps } from '../app/data-sources/data-source-deps';
import type { DeliveryDeps } from '../app/deliveries/delivery-deps';
import type { SecretBox } from '../app/event-triggers/secret-box';
import type { HousekeepingDeps } from '../app/housekeeping/run-housekeeping';
import type { RunRetentionDeps } from '../app/runs/expire-run-records';
import type { IdempotencyDeps } from '../app/idempotency/run-idempotently';
import type { RunDeps } from '../app/pipeline/run-deps';
import type { PreviewDeps } from '../app/preview/preview-deps';
import type { ScheduleDeps } from '../app/schedules/schedule-deps';
import type { TenantSecretDeps } from '../app/secrets/tenant-secret-deps';
import type { SweepDeps } from '../app/sweep/sweep-due-schedules';
import type { EraseTenantDeps } from '../app/tenants/erase-tenant';
import type { TenantExportDeps } from '../app/tenants/export/tenant-export-deps';
import type { TenantDeps } from '../app/tenants/tenant-deps';
import type { ArtifactBlobStore } from '../ports/artifact-blob-store';
import type { ChannelKind, DeliveryChannel } from '../ports/delivery-channel';
import type { SignatureLedger, TriggerDirectory } from '../ports/event-trigger-stores';
import type { CountedRunInserts, ExecutionQuota } from '../ports/execution-quota';
import type { ExecutionSlots } from '../ports/execution-slots';
import type { MessageBus } from '../ports/message-bus';
import type { Repositories } from '../ports/repositories';
import type { HttpDeps } from './http-deps';

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

/** What a host adds to the product's parts; the local host's crash tests use the delivery checkpoint. */
export interface CompositionHooks {
  /** Called at each step of a delivery attempt (claimed, sent, recorded). */
  readonly deliveryCheckpoint?: NonNullable<DeliveryDeps['checkpoint']>;
}
