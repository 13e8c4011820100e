import { createHash } from 'node:crypto';
import type { Artifact } from '../../contracts/artifact';
import type { ExecutionRun } from '../../contracts/run';
import {
  subscriptionEventsQueue,
  type SubscriptionEvent,
  type SubscriptionEventType,
} from '../../contracts/subscription';
import { derivedId } from '../../domain/ids';
import type { MessageBus } from '../../ports/message-bus';

/** Publishes one integration event; what callers (finishRun, the delivery dead-letter) depend on. */
export type PublishEvent = (event: SubscriptionEvent) => Promise<void>;

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The event id: derived from what happened (type, tenant, run, and the artifact or delivery), never
 * random, so a retried activity that publishes again publishes the same id. Service Bus drops the
 * repeat (message id = event id); the sender skips an id it already sent; a subscriber can de-duplicate
 * on it (`X-Event-Id`, and `id` in the body).
 */
export const eventId = (type: SubscriptionEventType, tenantId: string, ...subject: string[]) =>
  derivedId(['subscription-event', type, tenantId, ...subject].join('|'), sha256Hex);

/**
 * Puts the event on the events queue (message id = event id). The fan-out reads it and queues one
 * message per subscription; nothing here knows who subscribed.
 */
export async function publishEvent(
  deps: { bus: MessageBus; queue?: string },
  event: SubscriptionEvent,
): Promise<void> {
  await deps.bus.publish(deps.queue ?? subscriptionEventsQueue, { messageId: event.id, body: event });
}

const artifactView = (a: Artifact) => ({
  id: a.id,
  runId: a.runId,
  reportId: a.reportId,
  format: a.format,
  fileName: a.fileName,
  contentType: a.contentType,
  bytes: a.bytes,
  checksum: a.checksum,
  ...(a.pages === undefined ? {} : { pages: a.pages }),
  createdAt: a.createdAt,
  expiresAt: a.expiresAt,
});

/**
 * What an ended run publishes: `run.succeeded` (listing its artifacts) plus one `artifact.created` per
 * artifact, or `run.failed`; nothing for aborted or missed runs. Built only from the stored run and
 * artifacts, so a second call gives the same events, byte for byte.
 */
export function runEndedEvents(run: ExecutionRun, artifacts: readonly Artifact[]): SubscriptionEvent[] {
  if (run.status !== 'succeeded' && run.status !== 'failed') return [];
  const type = run.status === 'succeeded' ? 'run.succeeded' : 'run.failed';
  const occurredAt = run.endedAt ?? run.startedAt ?? run.createdAt;
  const runView = {
    id: run.id,
    reportId: run.reportId,
    scheduleId: run.scheduleId,
    trigger: run.trigger,
    fireTime: run.fireTime,
    status: run.status,
    attempt: run.attempt,
    rowCount: run.rowCount,
    bytes: run.bytes,
    error: run.error,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
  };
  const sorted = [...artifacts].sort((a, b) => a.id.localeCompare(b.id));
  const runEvent: SubscriptionEvent = {
    id: eventId(type, run.tenantId, run.id),
    type,
    tenantId: run.tenantId,
    occurredAt,
    data: type === 'run.succeeded' ? { run: runView, artifacts: sorted.map(artifactView) } : { run: runView },
  };
  if (type === 'run.failed') return [runEvent];
  return [
    runEvent,
    ...sorted.map((a): SubscriptionEvent => ({
      id: eventId('artifact.created', run.tenantId, run.id, a.id),
      type: 'artifact.created',
      tenantId: run.tenantId,
      occurredAt: a.createdAt,
      data: { artifact: artifactView(a) },
    })),
  ];
}

/** What a dead-lettered delivery tells subscribers (the delivery use case calls this, then publishes). */
export interface FailedDelivery {
  tenantId: string;
  deliveryId: string;
  runId: string;
  reportId?: string;
  scheduleId?: string | null;
  targetId: string;
  channel: string;
  /** The address that did not get it (the tenant's own data, sent to the tenant's own subscriber). */
  recipient?: string;
  attempts: number;
  /** How many times it was redriven: a redrive that dies again is a new event (a new id). */
  redrives?: number;
  error: { code: string; message: string };
  /** When the delivery was given up (the same on a re-publish: take it from the stored record). */
  failedAt: string;
}

export function deliveryFailedEvent(failed: FailedDelivery): SubscriptionEvent {
  const { tenantId, failedAt, deliveryId, ...rest } = failed;
  return {
    id: eventId('delivery.failed', tenantId, failed.runId, deliveryId, String(failed.redrives ?? 0)),
    type: 'delivery.failed',
    tenantId,
    occurredAt: failedAt,
    data: { delivery: { id: deliveryId, ...rest } },
  };
}
