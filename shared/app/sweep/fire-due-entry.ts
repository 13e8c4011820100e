import type { Schedule } from '../../contracts/schedule';
import type { Versioned } from '../../ports/repositories';
import type { DueEntry } from '../../ports/scheduler-store';
import { advanceSchedule } from './advance-schedule';
import { loadFireContext } from '../schedules/fire-context';
import { planCatchUp } from './plan-catch-up';
import { FIRE_HANDOVER_MS, publishThroughGate } from './publish-fire';
import { recordMissedRun } from './record-missed-run';
import { DEFAULT_MISFIRE_GRACE_SECONDS, type SweepDeps, type SweepTally } from './sweep-deps';

/**
 * Handles the fire at the schedule's `nextRunAt`. The gate decides once how: a fire the sweep found (`sweptAt`,
 * when the sweep read the index — a slow sweep does not turn fires it found in time into misfires) within the
 * grace period is an ordinary fire (publish, due a handover second before the fire time); one found later
 * records `plannedAt`, and the misfire policy is applied to every fire from this one to `plannedAt` — the fires
 * it keeps are published now (each through its own gate), the others recorded as missed runs. A retried sweep reads the same gate, so it
 * makes the same decision and the same plan.
 */
export async function fireDueEntry(
  deps: SweepDeps,
  entry: DueEntry,
  current: Versioned<Schedule>,
  sweptAt: Date,
  tally: SweepTally,
): Promise<Versioned<Schedule> | undefined> {
  const schedule = current.doc;
  const context = await loadFireContext(deps.repos, entry.tenantId, schedule.holidayCalendarIds);
  const graceMs = (deps.misfireGraceSeconds ?? DEFAULT_MISFIRE_GRACE_SECONDS) * 1000;
  const late = Date.parse(entry.fireTime) < sweptAt.getTime() - graceMs;
  const { tenantId, scheduleId, fireTime } = entry;
  const gate = await deps.gates.open(
    tenantId,
    scheduleId,
    fireTime,
    late ? sweptAt.toISOString() : undefined,
  );

  if (gate.plannedAt === null) {
    const handover = new Date(Date.parse(fireTime) - FIRE_HANDOVER_MS);
    if (await publishThroughGate(deps, schedule, fireTime, gate, handover)) tally.published++;
    return advanceSchedule(deps, entry, current, {
      after: new Date(fireTime),
      lastFireTime: fireTime,
      context,
    });
  }

  const plannedAt = new Date(gate.plannedAt);
  const plan = planCatchUp(schedule.rule, schedule.misfirePolicy, new Date(fireTime), plannedAt, context);
  for (const fire of plan.fire) {
    const time = fire.utc.toISOString();
    const fireGate = time === fireTime ? gate : await deps.gates.open(tenantId, scheduleId, time);
    if (await publishThroughGate(deps, schedule, time, fireGate)) tally.published++;
  }
  for (const fire of plan.missed) {
    if (await recordMissedRun(deps, schedule, fire, plannedAt)) tally.missed++;
  }
  const lastFireTime = plan.fire.at(-1)?.utc.toISOString() ?? schedule.lastFireTime;
  return advanceSchedule(deps, entry, current, { after: plannedAt, lastFireTime, context });
}
