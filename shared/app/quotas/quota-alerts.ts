import { createHash } from 'node:crypto';
import {
  deliveryRedriveQueueName,
  notAttemptedYet,
  quotaAlertTargetKey,
  type DeliveryRecord,
  type DeliveryRedriveRequested,
} from '../../contracts/delivery';
import type { QuotaName } from '../../contracts/tenant-resources';
import { AppError } from '../../domain/errors';
import { derivedId } from '../../domain/ids';
import type { DocumentTable } from '../../ports/document-store';
import type { MessageBus } from '../../ports/message-bus';
import type { QuotaAlertMarkers } from '../../ports/quota-alert-markers';
import { eventId, type PublishEvent } from '../subscriptions/publish-event';
import type { TenantProfiles } from '../tenants/tenant-profiles';

export interface QuotaAlertDeps {
  markers: QuotaAlertMarkers;
  ledger: DocumentTable<DeliveryRecord>;
  bus: MessageBus;
  publishEvent: PublishEvent;
  profiles: TenantProfiles;
  clock: () => Date;
}

/** A count of a quota in one period (`period`: the UTC day for a daily quota). */
export interface QuotaCount {
  quota: QuotaName;
  period: string;
  used: number;
  limit: number | null;
}

/** The highest alert threshold the count has reached: 100, 80 or none. */
export function reachedThreshold(used: number, limit: number | null): 80 | 100 | null {
  if (limit === null || limit <= 0) return null;
  if (used >= limit) return 100;
  return used * 5 >= limit * 4 ? 80 : null;
}

/** The alert's name, kept as the ledger record's runId (ids allow letters, digits, - and _). */
export const quotaAlertName = (count: QuotaCount, threshold: 80 | 100) =>
  `quota-${count.quota}-${count.period}-${threshold}`;

/** The parts of an alert's name (null for a name that is not one). */
export function parseQuotaAlertName(
  name: string,
): { quota: string; period: string; threshold: 80 | 100 } | null {
  const match = /^quota-([A-Za-z]+)-(.+)-(80|100)$/.exec(name);
  if (!match) return null;
  const [, quota = '', period = '', threshold = ''] = match;
  return { quota, period, threshold: threshold === '100' ? 100 : 80 };
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Alerts once per quota, period and threshold: an email to each of the tenant's alert emails (through the
 * delivery ledger: receipts, retries, redrive) and a `quota.warning` / `quota.exceeded` event.
 *
 * Nothing is lost to a crash and nothing is sent twice: the ledger records (ids derived from the alert and
 * recipient, so concurrent consumers insert the same record once) and the send requests are written first,
 * then the event (its id derived too), and only then the marker, which saves later counts the work. A
 * crash before the marker means the next count does it all again, idempotently; the ledger's claim makes
 * a record's email go out once however many `deliverOne` starts there are.
 */
export async function alertOnQuotaThreshold(
  deps: QuotaAlertDeps,
  tenantId: string,
  count: QuotaCount,
): Promise<void> {
  const threshold = reachedThreshold(count.used, count.limit);
  if (threshold === null) return;
  // A count can jump past 80 % straight to the limit (a batch of fires is counted in one write): the
  // warning still goes out, before the exceeded alert.
  for (const reached of threshold === 100 ? ([80, 100] as const) : ([80] as const))
    await alertOnce(deps, tenantId, count, reached);
}

async function alertOnce(
  deps: QuotaAlertDeps,
  tenantId: string,
  count: QuotaCount,
  threshold: 80 | 100,
): Promise<void> {
  const name = quotaAlertName(count, threshold);
  if (await deps.markers.has(tenantId, name)) return;
  const now = deps.clock();
  const tenant = await deps.profiles.get(tenantId);
  for (const recipient of tenant.alertEmails ?? []) {
    const id = derivedId(['quota-alert', tenantId, name, recipient.toLowerCase()].join('|'), sha256Hex);
    await insertOnce(deps.ledger, tenantId, alertRecord(id, tenantId, name, recipient, now));
    const body: DeliveryRedriveRequested = { tenantId, deliveryId: id, redrive: 0 };
    await deps.bus.publish(deliveryRedriveQueueName, { messageId: `${id}:0`, body });
  }
  const type = threshold === 100 ? 'quota.exceeded' : 'quota.warning';
  await deps.publishEvent({
    id: eventId(type, tenantId, name),
    type,
    tenantId,
    occurredAt: now.toISOString(),
    data: { quota: count.quota, period: count.period, threshold, used: count.used, limit: count.limit },
  });
  await deps.markers.mark(tenantId, name, now);
}

function alertRecord(
  id: string,
  tenantId: string,
  name: string,
  recipient: string,
  now: Date,
): DeliveryRecord {
  return {
    id,
    tenantId,
    runId: name,
    scheduleId: null,
    reportId: name,
    artifactIds: [],
    targetId: quotaAlertTargetKey,
    channel: 'email',
    recipient,
    ...notAttemptedYet,
    createdAt: now.toISOString(),
  };
}

async function insertOnce(ledger: DocumentTable<DeliveryRecord>, tenantId: string, record: DeliveryRecord) {
  try {
    await ledger.insert(tenantId, record);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
  }
}
