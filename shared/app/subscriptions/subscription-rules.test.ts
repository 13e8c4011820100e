import { describe, expect, it } from 'vitest';
import { SubscriptionEvent } from '../../contracts/subscription';
import { defaultRetryPolicy, subscriberRetryDelayMs } from './dispatch-event';
import { deliveryFailedEvent, eventId } from './publish-event';
import { redactUrl } from './subscription-deps';

describe('event ids, backoff and URL redaction', () => {
  it('derives the same id from the same facts and another from anything else', () => {
    const id = eventId('run.succeeded', 'acme', 'run-1');
    expect(eventId('run.succeeded', 'acme', 'run-1')).toBe(id);
    expect(SubscriptionEvent.shape.id.safeParse(id).success).toBe(true);
    expect(
      new Set([id, eventId('run.failed', 'acme', 'run-1'), eventId('run.succeeded', 'other', 'run-1')]).size,
    ).toBe(3);
  });

  it('delivery.failed: one id per delivery and redrive, the body built only from its input', () => {
    const failed = {
      tenantId: 'acme',
      deliveryId: 'd-1',
      runId: 'run-1',
      targetId: 'schedule-email',
      channel: 'email',
      recipient: 'a@example.com',
      attempts: 5,
      error: { code: 'SMTP_550', message: 'mailbox unavailable' },
      failedAt: '2026-11-28T10:00:00.000Z',
    };
    const event = deliveryFailedEvent(failed);
    expect(deliveryFailedEvent(failed)).toEqual(event);
    expect(SubscriptionEvent.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      type: 'delivery.failed',
      occurredAt: failed.failedAt,
      data: { delivery: { id: 'd-1', attempts: 5, channel: 'email' } },
    });
    expect(deliveryFailedEvent({ ...failed, redrives: 1 }).id).not.toBe(event.id);
  });

  it('backs off 30 s, doubling, capped at 1 h; Retry-After wins when longer; never under 1 s', () => {
    const delays = [1, 2, 3, 7, 8].map((attempt) => subscriberRetryDelayMs(defaultRetryPolicy, attempt));
    expect(delays).toEqual([30_000, 60_000, 120_000, 1_920_000, 3_600_000]);
    expect(subscriberRetryDelayMs(defaultRetryPolicy, 1, 90_000)).toBe(90_000);
    expect(subscriberRetryDelayMs({ maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0 }, 1)).toBe(1_000);
  });

  it('redacts every query value and keeps the rest readable', () => {
    expect(redactUrl('https://h.example.com:443/a/b?api-version=1&sig=S3CRET')).toBe(
      'https://h.example.com/a/b?api-version=***&sig=***',
    );
    expect(redactUrl('https://h.example.com/hook')).toBe('https://h.example.com/hook');
  });
});
