import { createHash } from 'node:crypto';
import type { ExecutionRequested } from '../../contracts/run-messages';
import { AppError } from '../../domain/errors';
import { derivedId } from '../../domain/ids';
import { nextCronFire } from '../../domain/scheduling/next-fire-time';
import type { MessageBus } from '../../ports/message-bus';
import type { Repositories } from '../../ports/repositories';
import type { DueEntry, DueIndex, FireGates } from '../../ports/scheduler-store';

export interface SweepDeps {
  repos: Repositories;
  dueIndex: DueIndex;
  gates: FireGates;
  bus: MessageBus;
  clock: () => Date;
  executionQueue: string;
  lookaheadSeconds: number;
}

const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

/** The run id of a fire: the same (tenant, schedule, fire time) always names the same run and instance. */
export const runIdForFire = (e: DueEntry) =>
  derivedId(`${e.tenantId}|${e.scheduleId}|${e.fireTime}`, sha256Hex);

/**
 * One sweep: for every due (schedule, fire time) — open the gate (a second sweep finds it), publish the
 * ExecutionRequested message due at the fire time with the run id as message id, mark the gate published,
 * then move the schedule and its due row to the next fire time. A crash between any two steps is healed by
 * the next sweep: the due row is still there, a pending gate is published again under the same message id,
 * and the consumer's run row de-duplicates. See docs/scheduler.md.
 */
export async function sweepDueSchedules(deps: SweepDeps): Promise<{ due: number; published: number }> {
  const now = deps.clock();
  const entries = await deps.dueIndex.dueUntil(new Date(now.getTime() + deps.lookaheadSeconds * 1000));
  let published = 0;
  for (const entry of entries) {
    if (await fire(deps, entry)) published++;
  }
  return { due: entries.length, published };
}

async function fire(deps: SweepDeps, entry: DueEntry): Promise<boolean> {
  const schedule = await deps.repos.schedules.get(entry.tenantId, entry.scheduleId);
  if (!schedule || !schedule.doc.active || schedule.doc.nextRunAt !== entry.fireTime) {
    await deps.dueIndex.remove(entry); // stale: the schedule moved, paused or went away
    return false;
  }
  let publishedNow = false;
  const gate = await deps.gates.open(entry.tenantId, entry.scheduleId, entry.fireTime);
  if (gate.created || gate.state === 'pending') {
    const runId = runIdForFire(entry);
    const body: ExecutionRequested = {
      tenantId: entry.tenantId,
      runId,
      reportId: schedule.doc.reportId,
      scheduleId: entry.scheduleId,
      trigger: 'schedule',
      fireTime: entry.fireTime,
      parameters: schedule.doc.parameters,
      requestedBy: `schedule:${entry.scheduleId}`,
    };
    await deps.bus.publish(deps.executionQueue, {
      body,
      messageId: runId,
      scheduledFor: new Date(entry.fireTime),
    });
    await deps.gates.markPublished(entry.tenantId, entry.scheduleId, entry.fireTime);
    publishedNow = true;
  }
  await advance(deps, entry, schedule.doc.cronExpr, schedule.doc.timezone);
  return publishedNow;
}

async function advance(deps: SweepDeps, entry: DueEntry, cronExpr: string, timezone: string) {
  const now = deps.clock();
  // After downtime, fire once for the missed window, then continue from now (the schedules issue adds policies).
  const from = new Date(Math.max(new Date(entry.fireTime).getTime(), now.getTime() - 1000));
  const next = nextCronFire(cronExpr, timezone, from)?.toISOString() ?? null;
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.repos.schedules.get(entry.tenantId, entry.scheduleId);
    if (!current || current.doc.nextRunAt !== entry.fireTime) break; // someone else moved it
    if (next)
      await deps.dueIndex.add({ tenantId: entry.tenantId, scheduleId: entry.scheduleId, fireTime: next });
    try {
      await deps.repos.schedules.replace(entry.tenantId, { ...current.doc, nextRunAt: next }, current.etag);
      break;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'PRECONDITION_FAILED')) throw err;
    }
  }
  await deps.dueIndex.remove(entry);
}
