import { createHash } from 'node:crypto';
import type { Artifact } from '../../contracts/artifact';
import {
  notAttemptedYet,
  scheduleEmailTargetKey,
  type DeliveryRecord,
  type PlannedDeliveries,
} from '../../contracts/delivery';
import type { RunRef } from '../../contracts/run-messages';
import { AppError, notFound } from '../../domain/errors';
import { derivedId } from '../../domain/ids';
import type { Schedule } from '../../contracts/schedule';
import type { Repositories } from '../../ports/repositories';
import type { DeliveryDeps } from './delivery-deps';
import { planBurstSends } from './plan-burst-deliveries';

const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

/** The ledger key: the same (run, target, recipient) always gives the same delivery id. */
export function deliveryIdFor(tenantId: string, runId: string, targetKey: string, recipient: string): string {
  return derivedId(`delivery|${tenantId}|${runId}|${targetKey}|${recipient}`, sha256Hex);
}

/** One send a schedule asks for: the target (or the schedule's own email), its channel and recipient. */
export type PlannedRecipient = Pick<DeliveryRecord, 'targetId' | 'channel' | 'recipient'>;

/**
 * Who a schedule sends to: each of its own email recipients, each recipient of its active email targets,
 * and one send per other active target. Used by the real plan and by previews, so both list the same.
 */
export async function plannedRecipients(
  repos: Pick<Repositories, 'deliveryTargets'>,
  tenantId: string,
  schedule: Pick<Schedule, 'emailDelivery' | 'deliveryTargetIds'>,
): Promise<PlannedRecipient[]> {
  const planned: PlannedRecipient[] = [];
  if (schedule.emailDelivery?.enabled)
    for (const to of schedule.emailDelivery.recipients)
      planned.push({ targetId: scheduleEmailTargetKey, channel: 'email', recipient: to.toLowerCase() });
  for (const targetId of schedule.deliveryTargetIds) {
    const target = (await repos.deliveryTargets.get(tenantId, targetId))?.doc;
    if (!target || !target.active) continue;
    if (target.type === 'email')
      for (const to of target.config.recipients)
        planned.push({ targetId, channel: 'email', recipient: to.toLowerCase() });
    else planned.push({ targetId, channel: target.type, recipient: target.type });
  }
  return planned;
}

/**
 * After the renders succeeded: one pending ledger record per (target, recipient) of the run's schedule —
 * the schedule's own email (one per recipient: nobody sees the others) and each active delivery target.
 * Inserting an existing record is a no-op, so a replayed or retried activity plans the same set.
 * Returns ids only (orchestration I/O stays small).
 */
export async function planDeliveries(deps: DeliveryDeps, ref: RunRef): Promise<PlannedDeliveries> {
  const run = (await deps.repos.runs.get(ref.tenantId, ref.runId))?.doc;
  if (!run) throw notFound('Run', ref.runId);
  if (run.status !== 'succeeded' || !run.scheduleId) return { deliveryIds: [] };
  const schedule = (await deps.repos.schedules.get(ref.tenantId, run.scheduleId))?.doc;
  if (!schedule) return { deliveryIds: [] };

  // A bursting run (decided by the run, not the schedule as it is now): each recipient only their slice.
  const planned: PlannedSend[] = run.burst
    ? await planBurstSends(deps, run, schedule)
    : await wholeReportSends(deps, ref, schedule);
  if (planned.length === 0) return { deliveryIds: [] };

  const createdAt = deps.clock().toISOString();
  const ids: string[] = [];
  for (const p of planned) {
    const id = deliveryIdFor(ref.tenantId, ref.runId, p.targetId, p.recipient);
    if (ids.includes(id)) continue;
    ids.push(id);
    const record: DeliveryRecord = {
      id,
      tenantId: ref.tenantId,
      runId: ref.runId,
      scheduleId: run.scheduleId,
      reportId: run.reportId,
      ...p,
      ...notAttemptedYet,
      createdAt,
    };
    try {
      await deps.ledger.insert(ref.tenantId, record);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
    }
  }
  return { deliveryIds: ids };
}

type PlannedSend = PlannedRecipient & Pick<DeliveryRecord, 'artifactIds'>;

/** Every planned recipient gets every artifact of the run. */
async function wholeReportSends(
  deps: DeliveryDeps,
  ref: RunRef,
  schedule: Pick<Schedule, 'emailDelivery' | 'deliveryTargetIds'>,
): Promise<PlannedSend[]> {
  const planned = await plannedRecipients(deps.repos, ref.tenantId, schedule);
  if (planned.length === 0) return [];
  const artifactIds = (await artifactsOf(deps, ref)).map((a) => a.id);
  return planned.map((p) => ({ ...p, artifactIds }));
}

async function artifactsOf(deps: DeliveryDeps, ref: RunRef): Promise<Artifact[]> {
  const page = await deps.repos.artifacts.list(ref.tenantId, {
    index: 'byRun',
    prefix: `${ref.runId}|`,
    limit: 100,
  });
  // Stable order (by format), whatever order the index returns them in.
  return page.items.sort((a, b) => a.format.localeCompare(b.format));
}
