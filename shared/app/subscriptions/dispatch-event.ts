import { backoffDelayMs } from '../../domain/backoff';
import {
  subscriptionDispatchQueue,
  type DispatchRecord,
  type DispatchRequest,
  type Subscription,
} from '../../contracts/subscription';
import { DeliveryFailure, type DeliveryChannel } from '../../ports/delivery-channel';
import type { DocumentTable } from '../../ports/document-store';
import type { MessageBus } from '../../ports/message-bus';
import type { DispatchLedger } from '../../ports/subscription-stores';
import type { SecretBox } from '../event-triggers/secret-box';
import { dispatchMessageId } from './fan-out-event';
import { requireSubscriptionBox, secretContext, urlContext } from './subscription-deps';

export interface RetryPolicy {
  maxAttempts: number;
  /** Delay before attempt 2; it doubles per attempt up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** 8 attempts over about an hour: 30 s, 1, 2, 4, 8, 16, 32 min. */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 8, baseDelayMs: 30_000, maxDelayMs: 3_600_000 };

export interface DispatchDeps {
  subscriptions: DocumentTable<Subscription>;
  ledger: DispatchLedger;
  secretBox: SecretBox | null;
  /** The webhook channel: signs (`X-Signature`), sets `X-Event-Id`, goes out through the SSRF guard. */
  channel: DeliveryChannel;
  bus: MessageBus;
  clock: () => Date;
  retry: RetryPolicy;
  dispatchQueue?: string;
}

/**
 * The backoff of a subscriber's retries, never under a second: the next attempt must not run before this
 * one has written its `retrying` record.
 */
export const subscriberRetryDelayMs = (policy: RetryPolicy, attempt: number, retryAfterMs = 0) =>
  backoffDelayMs(
    { baseMs: policy.baseDelayMs, capMs: policy.maxDelayMs, floorMs: 1_000 },
    attempt,
    retryAfterMs,
  );

export type DispatchOutcome =
  | { outcome: 'sent'; statusCode: number | null }
  | { outcome: 'retrying'; nextAttemptAt: string; error: string }
  | { outcome: 'failed'; error: string }
  | { outcome: 'dropped'; reason: 'unsubscribed' | 'already_handled' };

/**
 * Sends one event to one subscriber, at least once. The event id is the delivery id, so `X-Event-Id`
 * (and `id` in the body) is the same on every attempt. A transient failure (5xx, 429, timeout, network)
 * queues the next attempt as a delayed message — capped exponential backoff, never sooner than the
 * receiver's Retry-After — and only then completes this one; after `maxAttempts`, or on a permanent
 * failure (another 4xx, a URL the SSRF guard refuses), it is recorded `failed` and not retried. Anything
 * else (storage down) is thrown, so the queue redelivers the message. A deleted subscription is dropped.
 */
export async function dispatchEvent(deps: DispatchDeps, request: DispatchRequest): Promise<DispatchOutcome> {
  const { tenantId, subscriptionId, attempt, event } = request;
  const found = await deps.subscriptions.get(tenantId, subscriptionId);
  if (!found || !found.doc.events.includes(event.type)) return { outcome: 'dropped', reason: 'unsubscribed' };
  const prior = await deps.ledger.get(tenantId, subscriptionId, event.id);
  // The next attempt is queued before `retrying` is written, so a record at or past this attempt means
  // this message is a repeat whose work is done (or handed on).
  if (prior && (prior.status !== 'retrying' || prior.attempts >= attempt))
    return { outcome: 'dropped', reason: 'already_handled' };

  const box = requireSubscriptionBox(deps);
  const subscription = found.doc;
  const record = (fields: Partial<DispatchRecord> & Pick<DispatchRecord, 'status'>) =>
    deps.ledger.put(tenantId, {
      subscriptionId,
      eventId: event.id,
      eventType: event.type,
      attempts: attempt,
      statusCode: null,
      latencyMs: null,
      error: null,
      nextAttemptAt: null,
      updatedAt: deps.clock().toISOString(),
      ...fields,
    });
  try {
    const receipt = await deps.channel.send({
      deliveryId: event.id,
      tenantId,
      address: {
        kind: 'webhook',
        url: box.open(subscription.url, urlContext(tenantId, subscriptionId)),
        signingSecrets: signingSecrets(box, subscription, deps.clock()),
      },
      subject: event.type,
      text: '',
      downloadUrl: '',
      payload: event,
    });
    await record({ status: 'sent', statusCode: receipt.statusCode ?? null, latencyMs: receipt.latencyMs });
    return { outcome: 'sent', statusCode: receipt.statusCode ?? null };
  } catch (err) {
    if (!(err instanceof DeliveryFailure)) throw err;
    const failure = {
      statusCode: err.details.statusCode ?? null,
      latencyMs: err.details.latencyMs ?? null,
      error: err.message,
    };
    if (err.permanent || attempt >= deps.retry.maxAttempts) {
      await record({ status: 'failed', ...failure });
      return { outcome: 'failed', error: err.message };
    }
    const next = new Date(
      deps.clock().getTime() + subscriberRetryDelayMs(deps.retry, attempt, err.details.retryAfterMs),
    );
    await deps.bus.publish(deps.dispatchQueue ?? subscriptionDispatchQueue, {
      messageId: dispatchMessageId(event.id, subscriptionId, attempt + 1),
      body: { ...request, attempt: attempt + 1 },
      scheduledFor: next,
    });
    await record({ status: 'retrying', ...failure, nextAttemptAt: next.toISOString() });
    return { outcome: 'retrying', nextAttemptAt: next.toISOString(), error: err.message };
  }
}

/** The current secret, plus the one before the last rotation while its overlap lasts. */
function signingSecrets(box: SecretBox, s: Subscription, now: Date): string[] {
  const context = secretContext(s.tenantId, s.id);
  const current = box.open(s.secret, context);
  const overlapping =
    s.previousSecret && s.previousSecretExpiresAt && Date.parse(s.previousSecretExpiresAt) > now.getTime();
  return overlapping ? [current, box.open(s.previousSecret!, context)] : [current];
}
