/**
 * The delivery ledger (DESIGN D10): one record per (runId, target, recipient), the unit that is
 * sent exactly once. The record is also the receipt the API shows (the `delivery_receipt` of the data model): the
 * spec's receipt has an `attempts` column, so it describes a delivery, not one attempt — keeping one row
 * that every attempt updates under its ETag is both the ledger and the receipt, with nothing to reconcile.
 */
import { z } from 'zod';
import { Traceparent } from './traceparent';
import { pageQuerySchema } from './common';
import { Id, IsoDateTime, Sha256Hex, TenantId } from './primitives';
import { OutputFormat } from './report';

export const DeliveryStatus = z.enum(['pending', 'sending', 'sent', 'failed', 'dead']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const DeliveryChannelKind = z.enum(['email', 'webhook', 'slack', 'link']);

/** The key of the schedule's own `emailDelivery` (it is not a delivery target, so it has no id). */
export const scheduleEmailTargetKey = 'schedule-email';

/** The key of a quota alert email (to the tenant's alert emails); its runId names the alert. */
export const quotaAlertTargetKey = 'quota-alert';

export const DeliveryError = z.strictObject({ code: z.string(), message: z.string() });
export type DeliveryError = z.infer<typeof DeliveryError>;

export const DeliveryRecord = z.strictObject({
  /** derivedId of (tenantId, runId, targetKey, recipient): the Message-ID / event id of every send. */
  id: Id,
  tenantId: TenantId,
  runId: Id,
  scheduleId: Id.nullable(),
  reportId: Id,
  artifactIds: z.array(Id),
  /** A delivery target's id, or `schedule-email` for the schedule's own email settings. */
  targetId: z.string().min(1).max(64),
  channel: DeliveryChannelKind,
  /** The email address; for the other channels the target's kind (one recipient per target). */
  recipient: z.string().min(1).max(320),
  status: DeliveryStatus,
  attempts: z.int().min(0),
  createdAt: IsoDateTime,
  /** The first claim: ACS's Repeatability-First-Sent, so ACS can drop a resend of the same message. */
  firstAttemptAt: IsoDateTime.nullable(),
  lastAttemptAt: IsoDateTime.nullable(),
  sentAt: IsoDateTime.nullable(),
  /** From the artifacts being ready (the record's creation) to the accepted send. */
  latencyMs: z.int().min(0).nullable(),
  /** HTTP status (webhook, Slack) or SMTP reply code of the last attempt, when known. */
  statusCode: z.int().nullable(),
  providerMessageId: z.string().max(500).nullable(),
  /** Link deliveries: the signed URL handed out, and until when it works. */
  link: z.strictObject({ url: z.string(), expiresAt: IsoDateTime }).nullable(),
  /** Why the attempt used a link instead of the attachment (over the channel's limit). */
  note: z.string().max(500).nullable(),
  error: DeliveryError.nullable(),
  redrives: z.int().min(0),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecord>;

/** A new delivery record's outcome: pending, not attempted, nothing sent or failed, never redriven. */
export const notAttemptedYet = {
  status: 'pending',
  attempts: 0,
  firstAttemptAt: null,
  lastAttemptAt: null,
  sentAt: null,
  latencyMs: null,
  statusCode: null,
  providerMessageId: null,
  link: null,
  note: null,
  error: null,
  redrives: 0,
} as const satisfies Partial<DeliveryRecord>;

/** Activity I/O (ids only). */
export const DeliverRequest = z.strictObject({
  tenantId: TenantId,
  deliveryId: Id,
  /** The last attempt the orchestration will make: a transient failure now dead-letters the delivery. */
  final: z.boolean(),
  /** The run's trace (RunRef.traceparent), passed through for the activities' spans. */
  traceparent: Traceparent.optional(),
});
export type DeliverRequest = z.infer<typeof DeliverRequest>;

/**
 * What one `deliver` activity did. Transient failures come back as values (ADR 0002) so the
 * orchestration can wait with a durable timer honouring Retry-After; `attempted` is false when nothing
 * was sent (another worker holds the send lease), so the wait does not use up an attempt.
 */
export const DeliverOutcome = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('sent'), replayed: z.boolean() }),
  z.strictObject({ status: z.enum(['failed', 'dead']), error: DeliveryError.nullable() }),
  z.strictObject({ status: z.literal('missing') }),
  z.strictObject({ status: z.literal('retry'), afterMs: z.int().min(0), attempted: z.boolean() }),
]);
export type DeliverOutcome = z.infer<typeof DeliverOutcome>;

/** The `deliverOne` sub-orchestration's input and output. */
export const DeliverOneInput = z.strictObject({
  tenantId: TenantId,
  deliveryId: Id,
  /** The run's trace (RunRef.traceparent), passed through for the activities' spans. */
  traceparent: Traceparent.optional(),
});
export type DeliverOneInput = z.infer<typeof DeliverOneInput>;
export const DeliverOneResult = z.strictObject({
  deliveryId: Id,
  /** `pending` when the orchestration gave up without a verdict (storage kept failing): still in the ledger. */
  status: z.enum(['sent', 'failed', 'dead', 'missing', 'pending']),
});
export type DeliverOneResult = z.infer<typeof DeliverOneResult>;

export const PlannedDeliveries = z.strictObject({ deliveryIds: z.array(Id) });
export type PlannedDeliveries = z.infer<typeof PlannedDeliveries>;

export const DeliveriesSummary = z.strictObject({
  tenantId: TenantId,
  runId: Id,
  sent: z.int().min(0),
  failed: z.int().min(0),
  /** The run's trace (RunRef.traceparent), passed through for the activities' spans. */
  traceparent: Traceparent.optional(),
});
export type DeliveriesSummary = z.infer<typeof DeliveriesSummary>;

/** Queue whose consumer starts `deliverOne` for a redrive (HTTP functions hold no Durable client). */
export const deliveryRedriveQueueName = 'delivery-redrives';
export const DeliveryRedriveRequested = z.strictObject({
  tenantId: TenantId,
  deliveryId: Id,
  /**
   * The redrive number: the instance id is derived from (deliveryId, redrive). 0 is a first send asked for
   * from outside an orchestration (a quota alert).
   */
  redrive: z.int().min(0),
});
export type DeliveryRedriveRequested = z.infer<typeof DeliveryRedriveRequested>;

/** API */
export const ListDeliveriesQuery = pageQuerySchema.extend({
  status: DeliveryStatus.optional(),
  runId: Id.optional(),
});
export const ListDeliveryReceiptsQuery = pageQuerySchema.extend({
  artifactId: Id.optional(),
  runId: Id.optional(),
});

export const DeliveryResource = DeliveryRecord.meta({ id: 'Delivery' });

/** A delivery receipt (the `delivery_receipt` record), with the ledger's fields (one receipt per delivery; see the file comment). */
export const DeliveryReceipt = z
  .strictObject({
    id: Id,
    deliveryId: Id,
    runId: Id,
    artifactIds: z.array(Id),
    targetId: z.string(),
    channel: DeliveryChannelKind,
    recipient: z.string(),
    status: DeliveryStatus,
    attempts: z.int(),
    createdAt: IsoDateTime,
    lastAttemptAt: IsoDateTime.nullable(),
    sentAt: IsoDateTime.nullable(),
    latencyMs: z.int().nullable(),
    statusCode: z.int().nullable(),
    errorMessage: z.string().nullable(),
    link: z.strictObject({ url: z.string(), expiresAt: IsoDateTime }).nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'DeliveryReceipt' });
export type DeliveryReceipt = z.infer<typeof DeliveryReceipt>;

export const RedriveResult = z.strictObject({ deliveryId: Id, redrive: z.int(), status: DeliveryStatus });

/** The JSON a webhook target receives (signed: `X-Signature: t=<unix>,v1=<hex>`; `id` = `X-Event-Id`). */
export const ReportDeliveredEvent = z
  .strictObject({
    /** The delivery id: the same on every retry and redrive, so a receiver de-duplicates on it. */
    id: Id,
    type: z.literal('report.delivered'),
    occurredAt: IsoDateTime,
    tenantId: TenantId,
    run: z.strictObject({
      id: Id,
      reportId: Id,
      scheduleId: Id.nullable(),
      fireTime: IsoDateTime.nullable(),
    }),
    artifacts: z.array(
      z.strictObject({
        id: Id,
        format: OutputFormat,
        fileName: z.string(),
        bytes: z.int(),
        checksum: Sha256Hex,
        downloadUrl: z.string(),
      }),
    ),
  })
  .meta({ id: 'ReportDeliveredEvent' });
export type ReportDeliveredEvent = z.infer<typeof ReportDeliveredEvent>;
