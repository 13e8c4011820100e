import type { DeliverOutcome, DeliverRequest, DeliveryError, DeliveryRecord } from '../../contracts/delivery';
import { AppError } from '../../domain/errors';
import { hashEmail } from '../../domain/hash-email';
import { DeliveryFailure, type SendReceipt } from '../../ports/delivery-channel';
import type { Versioned } from '../../ports/document-store';
import { composeDelivery, type ComposedDelivery } from './compose-delivery';
import { backoffDelayMs } from '../../domain/backoff';
import type { DeliveryDeps } from './delivery-deps';

/**
 * One attempt at one delivery, exactly once per ledger record (docs/delivery.md):
 *
 * 1. `sent` → nothing to do (a replay, an activity retry, a duplicate message, a redrive of a sent one).
 * 2. Claim: write `sending` with attempt n under the record's ETag. Of two concurrent workers only one
 *    write succeeds; the other re-reads and sees the claim. A claim younger than the send lease belongs
 *    to a live worker (answer: retry later, nothing attempted); an older one was left by a crash.
 * 3. Send with the record's id as the Message-ID / event id / repeatability id.
 * 4. Write `sent` with the receipt. A crash between 3 and 4 leaves `sending`: after the lease the next
 *    attempt sends again with the same id — the one window the ledger cannot close (SMTP has no
 *    idempotent send), made recognisable instead.
 *
 * Failures come back as values: permanent → `failed`; transient → `pending` and a wait, or `dead` on
 * the final attempt. Storage errors throw (the activity's retry policy covers them).
 */
export async function deliver(deps: DeliveryDeps, request: DeliverRequest): Promise<DeliverOutcome> {
  for (let round = 0; round < 5; round++) {
    const found = await deps.ledger.get(request.tenantId, request.deliveryId);
    if (!found) return { status: 'missing' };
    const record = found.doc;
    if (record.status === 'sent') return { status: 'sent', replayed: true };
    if (record.status === 'failed' || record.status === 'dead')
      return { status: record.status, error: record.error };
    const now = deps.clock();
    if (record.status === 'sending' && record.lastAttemptAt) {
      const heldMs = now.getTime() - new Date(record.lastAttemptAt).getTime();
      if (heldMs < deps.sendLeaseMs)
        return { status: 'retry', afterMs: deps.sendLeaseMs - heldMs, attempted: false };
      deps.log?.warn(logFields(record), 'delivery claim expired: resending with the same delivery id');
    }
    const claim: DeliveryRecord = {
      ...record,
      status: 'sending',
      attempts: record.attempts + 1,
      firstAttemptAt: record.firstAttemptAt ?? now.toISOString(),
      lastAttemptAt: now.toISOString(),
    };
    let claimed: Versioned<DeliveryRecord>;
    try {
      claimed = await deps.ledger.replace(request.tenantId, claim, found.etag);
    } catch (err) {
      if (err instanceof AppError && err.code === 'PRECONDITION_FAILED') continue; // someone else moved it
      throw err;
    }
    return attempt(deps, request, claimed);
  }
  return { status: 'retry', afterMs: 1_000, attempted: false };
}

async function attempt(
  deps: DeliveryDeps,
  request: DeliverRequest,
  claimed: Versioned<DeliveryRecord>,
): Promise<DeliverOutcome> {
  const record = claimed.doc;
  deps.checkpoint?.('claimed', record);
  let composed: ComposedDelivery | undefined;
  let receipt: SendReceipt;
  try {
    composed = await composeDelivery(deps, record);
    if (record.channel === 'link') receipt = { latencyMs: 0 };
    else {
      const channel = deps.channels[record.channel];
      if (!channel)
        throw new DeliveryFailure(`No ${record.channel} channel is configured`, true, {
          code: 'CHANNEL_UNAVAILABLE',
        });
      receipt = await channel.send(composed.delivery);
    }
  } catch (err) {
    return recordFailure(deps, request, claimed, toFailure(err));
  }
  deps.checkpoint?.('sent', record);
  const sentAt = deps.clock();
  const latencyMs = Math.max(0, sentAt.getTime() - new Date(record.createdAt).getTime());
  await settle(deps, claimed, (current) =>
    current.status === 'sent'
      ? undefined
      : {
          ...current,
          status: 'sent',
          sentAt: sentAt.toISOString(),
          latencyMs,
          statusCode: receipt.statusCode ?? null,
          providerMessageId: receipt.providerMessageId?.slice(0, 500) ?? null,
          link: composed?.link ?? null,
          note: composed?.note ?? null,
          error: null,
        },
  );
  deps.checkpoint?.('recorded', record);
  deps.metrics?.deliveryAttempts.inc({ channel: record.channel, status: 'sent' });
  deps.metrics?.deliveryLatency.observe({ channel: record.channel }, latencyMs / 1000);
  if (record.channel === 'email') deps.metrics?.recordEmailOutcome?.(false);
  deps.log?.info({ ...logFields(record), latencyMs, statusCode: receipt.statusCode }, 'delivery sent');
  return { status: 'sent', replayed: false };
}

async function recordFailure(
  deps: DeliveryDeps,
  request: DeliverRequest,
  claimed: Versioned<DeliveryRecord>,
  failure: DeliveryFailure,
): Promise<DeliverOutcome> {
  const record = claimed.doc;
  const status = failure.permanent ? 'failed' : request.final ? 'dead' : 'pending';
  const error: DeliveryError = {
    code: failure.details.code ?? codeOf(failure),
    message: failure.message.slice(0, 500),
  };
  const stored = await settle(deps, claimed, (current) =>
    current.status === 'sent'
      ? undefined
      : { ...current, status, statusCode: failure.details.statusCode ?? null, error },
  );
  deps.metrics?.deliveryAttempts.inc({
    channel: record.channel,
    status: failure.permanent ? 'failed' : 'retry',
  });
  if (record.channel === 'email' && failure.permanent) deps.metrics?.recordEmailOutcome?.(true);
  deps.log?.warn({ ...logFields(record), status, error, err: failure.cause }, 'delivery attempt failed');
  if (stored.status === 'sent') return { status: 'sent', replayed: true };
  if (status === 'dead') {
    deps.metrics?.deliveryAttempts.inc({ channel: record.channel, status: 'dead' });
    await deps.onDeadLettered?.(stored);
  }
  if (status !== 'pending') return { status, error };
  return {
    status: 'retry',
    afterMs: backoffDelayMs(deps.retry, record.attempts, failure.details.retryAfterMs),
    attempted: true,
  };
}

/** Writes the attempt's result on top of whatever the record now is (re-read on an ETag race). */
async function settle(
  deps: DeliveryDeps,
  claimed: Versioned<DeliveryRecord>,
  next: (current: DeliveryRecord) => DeliveryRecord | undefined,
): Promise<DeliveryRecord> {
  let current = claimed;
  for (let round = 0; ; round++) {
    const doc = next(current.doc);
    if (!doc) return current.doc;
    try {
      return (await deps.ledger.replace(doc.tenantId, doc, current.etag)).doc;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'PRECONDITION_FAILED') || round >= 5) throw err;
      const fresh = await deps.ledger.get(doc.tenantId, doc.id);
      if (!fresh) throw err;
      current = fresh;
    }
  }
}

function toFailure(err: unknown): DeliveryFailure {
  if (err instanceof DeliveryFailure) return err;
  if (err instanceof AppError)
    return new DeliveryFailure(err.message, !err.retryable, { code: err.code }, { cause: err });
  // Not written for the tenant (it may name a server path or an address of the service): logged instead.
  return new DeliveryFailure(
    'The delivery failed on our side; it will be retried',
    false,
    { code: 'SEND_ERROR' },
    { cause: err },
  );
}

const codeOf = (failure: DeliveryFailure) =>
  failure.details.statusCode
    ? `HTTP_${failure.details.statusCode}`
    : failure.permanent
      ? 'REJECTED'
      : 'UNAVAILABLE';

/** Log fields: the recipient of an email is hashed, never written in clear. */
export function logFields(record: DeliveryRecord) {
  return {
    tenantId: record.tenantId,
    executionId: record.runId,
    deliveryId: record.id,
    channel: record.channel,
    targetId: record.targetId,
    recipient: record.channel === 'email' ? hashEmail(record.recipient) : record.recipient,
    attempt: record.attempts,
  };
}
