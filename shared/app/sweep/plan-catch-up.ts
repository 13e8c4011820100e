import type { Fire, FireContext } from '../../domain/scheduling/fire';
import type { MisfirePolicy } from '../../domain/scheduling/misfire-policy';
import { firesBetween } from '../../domain/scheduling/next-fires';
import { planMisfires } from '../../domain/scheduling/plan-misfires';
import type { ScheduleRule } from '../../domain/scheduling/schedule-rule';

/** Missed fires recorded as runs per catch-up: the latest ones (a month-long outage of a per-minute schedule is not 43,200 rows). */
export const MAX_MISSED_RUNS = 100;
const MAX_FIRES_LISTED = 50_000;

export interface CatchUpPlan {
  /** Fires to run now, in time order. */
  fire: Fire[];
  /** The latest missed fires, at most MAX_MISSED_RUNS, in time order. */
  missed: Fire[];
  /** How many fires were missed in all (a lower bound when `exact` is false). */
  missedCount: number;
  exact: boolean;
}

/**
 * The misfire policy applied to the fires from `firstMissed` (the schedule's `nextRunAt`) to `plannedAt` (when a
 * sweep first found it late, frozen in the fire's gate, so a retried sweep makes the same plan). Only the latest
 * fires matter — the policy runs the latest and records the latest as missed — so the fires are listed backwards
 * from `plannedAt` in widening spans rather than from an outage's start.
 */
export function planCatchUp(
  rule: ScheduleRule,
  policy: MisfirePolicy,
  firstMissed: Date,
  plannedAt: Date,
  context: FireContext,
): CatchUpPlan {
  const toRun = policy.kind === 'skip' ? 0 : policy.kind === 'fire_once' ? 1 : policy.cap;
  const { fires, exact } = latestFires(
    rule,
    firstMissed.getTime() - 1,
    plannedAt,
    context,
    toRun + MAX_MISSED_RUNS,
  );
  const plan = planMisfires(policy, fires, plannedAt);
  return {
    fire: plan.fire,
    missed: plan.missed.slice(-MAX_MISSED_RUNS),
    missedCount: plan.missed.length,
    exact,
  };
}

/** At least `wanted` of the latest fires in (from, to] (all of them when fewer), found by widening then bisecting. */
function latestFires(
  rule: ScheduleRule,
  from: number,
  to: Date,
  context: FireContext,
  wanted: number,
): { fires: Fire[]; exact: boolean } {
  const list = (span: number) => {
    const start = Math.max(from, to.getTime() - span);
    return { start, fires: firesBetween(rule, new Date(start), to, context, MAX_FIRES_LISTED) };
  };
  let narrow = 0;
  let span = 60_000;
  for (;;) {
    const { start, fires } = list(span);
    if (fires.length >= MAX_FIRES_LISTED) break; // too many: bisect between narrow and span
    if (start === from) return { fires, exact: true };
    if (fires.length >= wanted) return { fires, exact: false };
    narrow = span;
    span *= 4;
  }
  let wide = span;
  while (wide - narrow > 1000) {
    const mid = Math.floor((narrow + wide) / 2);
    const { fires } = list(mid);
    if (fires.length < wanted) narrow = mid;
    else if (fires.length >= MAX_FIRES_LISTED) wide = mid;
    else return { fires, exact: false };
  }
  return { fires: list(wide).fires, exact: false };
}
