import { describe, expect, it } from 'vitest';
import { ExecutionBatchRequested, type ExecutionRequested } from '../../contracts/run-messages';
import type { OutgoingMessage } from '../../ports/message-bus';
import { createFireBatcher } from './fire-batcher';

const fire = (n: number, tenantId = 'acme', reportId = 'r1'): ExecutionRequested => ({
  tenantId,
  runId: `run-${tenantId}-${n}`,
  reportId,
  scheduleId: `s${n}`,
  trigger: 'schedule',
  fireTime: '2026-11-28T10:01:00.000Z',
  parameters: {},
  requestedBy: `schedule:s${n}`,
});
const at = new Date('2026-11-28T10:00:59.000Z');
const later = new Date('2026-11-28T10:01:29.000Z');

/** A recording bus; `fail` makes the next publish fail. */
function recordingBus() {
  const sent: { queue: string; message: OutgoingMessage }[] = [];
  let fail = false;
  return {
    sent,
    failNext: () => void (fail = true),
    publish(queue: string, message: OutgoingMessage) {
      if (fail) {
        fail = false;
        return Promise.reject(new Error('bus down'));
      }
      sent.push({ queue, message });
      return Promise.resolve();
    },
  };
}
const firesOf = (m: OutgoingMessage) => ExecutionBatchRequested.parse(m.body).fires.map((f) => f.runId);

describe('fire batcher', () => {
  it('sends the fires of one instant, of any tenants, as one batch due at that instant; another instant apart', async () => {
    const bus = recordingBus();
    const publish = createFireBatcher(bus, 'exec', 20);
    await Promise.all([
      publish(fire(1), at),
      publish(fire(2, 'globex'), at),
      publish(fire(3), later),
      publish(fire(4), at),
    ]);
    expect(bus.sent).toHaveLength(2);
    const [first, second] = bus.sent;
    expect(first!.queue).toBe('exec');
    expect(first!.message.scheduledFor).toEqual(at);
    expect(firesOf(first!.message)).toEqual(['run-acme-1', 'run-globex-2', 'run-acme-4']);
    expect(second!.message.scheduledFor).toEqual(later);
    expect(firesOf(second!.message)).toEqual(['run-acme-3']);
    // The message id follows from its fires (order aside), so the same batch sent again has the same id.
    const again = recordingBus();
    const republish = createFireBatcher(again, 'exec', 20);
    await Promise.all([fire(4), fire(2, 'globex'), fire(1)].map((f) => republish(f, at)));
    expect(again.sent[0]!.message.messageId).toBe(first!.message.messageId);
  });

  it('sends at most 50 fires, and at most 32 kB, in one message', async () => {
    const bus = recordingBus();
    const publish = createFireBatcher(bus, 'exec', 20);
    await Promise.all(Array.from({ length: 120 }, (_, i) => publish(fire(i), at)));
    expect(bus.sent.map((s) => firesOf(s.message).length)).toEqual([50, 50, 20]);
    const big = recordingBus();
    const publishBig = createFireBatcher(big, 'exec', 20);
    const wide = (n: number) => ({ ...fire(n), parameters: { note: 'x'.repeat(3_000) } });
    await Promise.all(Array.from({ length: 25 }, (_, i) => publishBig(wide(i), at)));
    expect(big.sent.length).toBeGreaterThan(2);
    expect(big.sent.every((s) => JSON.stringify(s.message.body).length <= 32_000)).toBe(true);
    expect(big.sent.flatMap((s) => firesOf(s.message))).toHaveLength(25);
  });

  it('fails every fire of a batch that could not be sent, and only those', async () => {
    const bus = recordingBus();
    const publish = createFireBatcher(bus, 'exec', 20);
    bus.failNext();
    const outcomes = await Promise.allSettled([publish(fire(1), at), publish(fire(2), at)]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    await publish(fire(3), at);
    expect(bus.sent.map((s) => firesOf(s.message))).toEqual([['run-acme-3']]);
  });
});
