import type { DeliveryReceipt, DeliveryRecord, DeliveryStatus } from '../../contracts/delivery';
import { notFound } from '../../domain/errors';
import type { DocumentTable, Page } from '../../ports/document-store';
import type { Repositories } from '../../ports/repositories';

type Ledger = DocumentTable<DeliveryRecord>;

/** The ledger, newest first: by status (`dead` = the dead letters) or by run, optionally both. */
export async function listDeliveries(
  ledger: Ledger,
  tenantId: string,
  query: { status?: DeliveryStatus; runId?: string; limit: number; cursor: string | null },
): Promise<Page<DeliveryRecord>> {
  const { status, runId, limit, cursor } = query;
  const page = runId
    ? await ledger.list(tenantId, { index: 'byRun', prefix: `${runId}|`, limit, cursor })
    : status
      ? await ledger.list(tenantId, { index: 'byStatus', prefix: `${status}|`, limit, cursor })
      : await ledger.list(tenantId, { index: 'newest', limit, cursor });
  return { ...page, items: page.items.filter((d) => !status || d.status === status) };
}

export async function getDelivery(ledger: Ledger, tenantId: string, id: string): Promise<DeliveryRecord> {
  const found = await ledger.get(tenantId, id);
  if (!found) throw notFound('Delivery', id);
  return found.doc;
}

/**
 * Receipts: of one artifact (the deliveries of its run that carried it), of one run, or
 * all, newest first. An artifact of another tenant is not found.
 */
export async function listDeliveryReceipts(
  deps: { repos: Repositories; ledger: Ledger },
  tenantId: string,
  query: { artifactId?: string; runId?: string; limit: number; cursor: string | null },
): Promise<Page<DeliveryReceipt>> {
  let runId = query.runId;
  if (query.artifactId) {
    const artifact = await deps.repos.artifacts.get(tenantId, query.artifactId);
    if (!artifact || (runId && artifact.doc.runId !== runId)) throw notFound('Artifact', query.artifactId);
    runId = artifact.doc.runId;
  }
  const page = await listDeliveries(deps.ledger, tenantId, {
    ...(runId ? { runId } : {}),
    limit: query.limit,
    cursor: query.cursor,
  });
  const items = page.items.filter((d) => !query.artifactId || d.artifactIds.includes(query.artifactId));
  return { items: items.map(toReceipt), nextCursor: page.nextCursor };
}

export function toReceipt(d: DeliveryRecord): DeliveryReceipt {
  return {
    id: d.id,
    deliveryId: d.id,
    runId: d.runId,
    artifactIds: d.artifactIds,
    targetId: d.targetId,
    channel: d.channel,
    recipient: d.recipient,
    status: d.status,
    attempts: d.attempts,
    createdAt: d.createdAt,
    lastAttemptAt: d.lastAttemptAt,
    sentAt: d.sentAt,
    latencyMs: d.latencyMs,
    statusCode: d.statusCode,
    errorMessage: d.error?.message ?? null,
    link: d.link,
    note: d.note,
  };
}
