import { describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../ports/message-bus';
import { deliver } from './deliver';
import { planDeliveries } from './plan-deliveries';
import { markRedriven, redriveDelivery } from './redrive-delivery';
import { createDeliveryTestKit } from './testing/delivery-test-kit';

async function deadDelivery() {
  const kit = createDeliveryTestKit();
  const seeded = await kit.seedRun({ email: { recipients: ['ana@example.com'] } });
  const [deliveryId] = (await planDeliveries(kit.deps, seeded.ref)).deliveryIds;
  kit.channels.email.script.push('transient');
  await deliver(kit.deps, { tenantId: kit.tenantId, deliveryId: deliveryId!, final: true });
  return { kit, deliveryId: deliveryId! };
}

describe('redrive', () => {
  it('queues redrive n before the record moves, so a crash in between is completed by the consumer', async () => {
    const { kit, deliveryId } = await deadDelivery();
    const queued: OutgoingMessage[] = [];
    const bus = {
      publish: (_queue: string, message: OutgoingMessage) => {
        queued.push(message);
        return Promise.reject(new Error('crashed right after queueing'));
      },
      ping: () => Promise.resolve(),
    };
    // The publish "succeeds" on the queue side, then the API process dies before the record write.
    await expect(
      redriveDelivery({ ...kit.deps, bus }, { tenantId: kit.tenantId, userId: 'u1' }, deliveryId),
    ).rejects.toThrow(/crashed/);
    expect(queued.map((m) => m.messageId)).toEqual([`${deliveryId}:1`]);
    expect((await kit.deps.ledger.get(kit.tenantId, deliveryId))!.doc.status).toBe('dead');
    // The consumer's transition, twice (a duplicate message): one move, no second redrive.
    expect(await markRedriven(kit.deps.ledger, kit.tenantId, deliveryId, 1)).toMatchObject({
      status: 'pending',
      redrives: 1,
    });
    expect(await markRedriven(kit.deps.ledger, kit.tenantId, deliveryId, 1)).toMatchObject({ redrives: 1 });
    // Now the same delivery id is sent — the same message, from the stored artifact.
    expect(await deliver(kit.deps, { tenantId: kit.tenantId, deliveryId, final: false })).toEqual({
      status: 'sent',
      replayed: false,
    });
    const ids = kit.channels.email.sends.map((s) => s.deliveryId);
    expect(ids).toEqual([deliveryId, deliveryId]);
    await expect(markRedriven(kit.deps.ledger, kit.tenantId, deliveryId, 2)).rejects.toThrow(/is sent/);
  });
});
