import {
  deliveryRedriveQueueName,
  type DeliveryRecord,
  type DeliveryRedriveRequested,
} from '../../contracts/delivery';
import { AppError, conflict, notFound } from '../../domain/errors';
import type { DocumentTable } from '../../ports/document-store';
import type { MessageBus } from '../../ports/message-bus';
import type { Repositories } from '../../ports/repositories';
import { recordAudit, type AuditActor } from '../audit/record-audit';

type Ledger = DocumentTable<DeliveryRecord>;

/**
 * Sends a dead-lettered or failed delivery again — to that one recipient, from the stored artifacts (the
 * run is not re-rendered; the message keeps its id). Redrive n is first put on the queue (message id
 * `{id}:{n}`), then the record goes back to `pending` with `redrives = n`; the queue's consumer makes
 * the same transition before it starts `deliverOne`, so a crash between the two steps loses nothing.
 * Audited. 409 unless the delivery is dead or failed.
 */
export async function redriveDelivery(
  deps: { repos: Repositories; ledger: Ledger; bus: MessageBus; clock: () => Date },
  actor: AuditActor,
  id: string,
): Promise<{ deliveryId: string; redrive: number; status: 'pending' }> {
  const found = await deps.ledger.get(actor.tenantId, id);
  if (!found) throw notFound('Delivery', id);
  const { doc } = found;
  assertRedrivable(doc);
  const redrive = doc.redrives + 1;
  const body: DeliveryRedriveRequested = { tenantId: actor.tenantId, deliveryId: id, redrive };
  await deps.bus.publish(deliveryRedriveQueueName, { messageId: `${id}:${redrive}`, body });
  await markRedriven(deps.ledger, actor.tenantId, id, redrive);
  await recordAudit({ audit: deps.repos.audit, clock: deps.clock }, actor, {
    action: 'delivery.redriven',
    entityType: 'delivery',
    entityId: id,
    diff: { status: { from: doc.status, to: 'pending' }, redrives: { from: doc.redrives, to: redrive } },
  });
  return { deliveryId: id, redrive, status: 'pending' };
}

function assertRedrivable(doc: DeliveryRecord): void {
  if (doc.status !== 'dead' && doc.status !== 'failed')
    throw conflict(`Delivery ${doc.id} is ${doc.status}; only dead or failed deliveries can be redriven`, {
      id: doc.id,
      status: doc.status,
    });
}

/**
 * Moves the record to redrive `n` (`pending`, `redrives = n`) unless that already happened; ETag-guarded
 * and idempotent, so the API and the queue consumer can both call it in either order.
 */
export async function markRedriven(
  ledger: Ledger,
  tenantId: string,
  id: string,
  n: number,
): Promise<DeliveryRecord> {
  for (let round = 0; ; round++) {
    const found = await ledger.get(tenantId, id);
    if (!found) throw notFound('Delivery', id);
    if (found.doc.redrives >= n) return found.doc;
    assertRedrivable(found.doc);
    try {
      return (await ledger.replace(tenantId, { ...found.doc, status: 'pending', redrives: n }, found.etag))
        .doc;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'PRECONDITION_FAILED') || round >= 5) throw err;
    }
  }
}
