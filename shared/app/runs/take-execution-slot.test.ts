import { describe, expect, it } from 'vitest';
import type { ExecutionRequested } from '../../contracts/run-messages';
import { AppError } from '../../domain/errors';
import type { ExecutionSlots } from '../../ports/execution-slots';
import type { MessageBus, OutgoingMessage } from '../../ports/message-bus';
import { newTenantRecord } from '../tenants/tenant-profiles';
import { nextOfferDelayMs, takeExecutionSlotOrRequeue, type SlotDeps } from './take-execution-slot';

// The slot step alone: what it does with the answer of the slots, and when it offers a waiting fire again.
// The slots and the bus here only record (the real ones are exercised in back-pressure.test.ts and
// tenant-burst.test.ts on Azurite).
const now = new Date('2026-12-03T10:00:00Z');
const fire: ExecutionRequested = {
  tenantId: 'acme',
  runId: 'run-1',
  reportId: 'r1',
  scheduleId: null,
  trigger: 'manual',
  fireTime: null,
  parameters: {},
  requestedBy: 'user-1',
};

function deps(acquire: ExecutionSlots['acquire']) {
  const published: OutgoingMessage[] = [];
  const bus: MessageBus = {
    publish: (_queue, message) => (published.push(message), Promise.resolve()),
    ping: () => Promise.resolve(),
    depth: () => Promise.resolve(0),
  };
  const d: SlotDeps = {
    slots: { acquire, release: () => Promise.resolve(), held: () => Promise.resolve(0) },
    profiles: { get: (id) => Promise.resolve(newTenantRecord(id, now)), invalidate: () => undefined },
    bus,
    clock: () => now,
  };
  return { d, published };
}

describe('takeExecutionSlotOrRequeue', () => {
  it('re-offers the fire as a new delayed message when every slot is taken', async () => {
    const { d, published } = deps(() => Promise.resolve(false));
    expect(await takeExecutionSlotOrRequeue(d, fire, now.toISOString())).toBe(false);
    expect(published).toHaveLength(1);
    expect(published[0]!.body).toEqual(fire);
    expect(published[0]!.messageId).not.toBe(fire.runId);
    const delay = published[0]!.scheduledFor!.getTime() - now.getTime();
    expect(delay).toBeGreaterThanOrEqual(3_000);
    expect(delay).toBeLessThan(4_000);
  });

  it('treats losing every race for a free slot as waiting, so the message is not retried into the poison queue', async () => {
    const { d, published } = deps(() =>
      Promise.reject(new AppError('SERVICE_UNAVAILABLE', 'The execution slots are busy; retry shortly')),
    );
    expect(await takeExecutionSlotOrRequeue(d, fire)).toBe(false);
    expect(published).toHaveLength(1);
  });

  it('lets any other failure through (the host retries the message)', async () => {
    const { d } = deps(() => Promise.reject(new Error('storage down')));
    await expect(takeExecutionSlotOrRequeue(d, fire)).rejects.toThrow('storage down');
  });

  it('waits longer between offers the longer a fire has waited, up to the cap', () => {
    const { d } = deps(() => Promise.resolve(false));
    expect(nextOfferDelayMs(d, 0)).toBe(3_000);
    expect(nextOfferDelayMs(d, 10_000)).toBe(5_000);
    expect(nextOfferDelayMs(d, 600_000)).toBe(15_000);
    expect(nextOfferDelayMs({ ...d, retryDelayMs: 1_000, maxRetryDelayMs: 4_000 }, 6_000)).toBe(3_000);
  });
});
