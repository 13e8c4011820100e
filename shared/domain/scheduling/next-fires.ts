/** The fires of a schedule: strictly after a given instant, inside the rule's `startAt`/`endAt`. */
import { compileRule, type CompiledRule } from './compile-rule';
import type { Fire, FireContext, FireInstant } from './fire';
import { formatLocalIso } from './local-time';
import type { ScheduleRule } from './schedule-rule';
import { offsetAt } from './zone-offsets';

export function nextFire(rule: ScheduleRule, after: Date, context: FireContext = {}): Fire | null {
  const compiled = compileRule(rule);
  const next = nextInstant(compiled, after.getTime(), context, Infinity);
  return next && toFire(compiled, next);
}

export function nextFires(rule: ScheduleRule, after: Date, count: number, context: FireContext = {}): Fire[] {
  return collect(rule, after.getTime(), Infinity, count, context);
}

/**
 * The fires in (from, to] — what a schedule missed while the scheduler was down — the earliest `cap` of them.
 * Narrow `from` to the misfire window's start (see plan-misfires.ts) so a long outage does not spend the cap on
 * fires the policy would drop anyway.
 */
export function firesBetween(
  rule: ScheduleRule,
  from: Date,
  to: Date,
  context: FireContext,
  cap: number,
): Fire[] {
  return collect(rule, from.getTime(), to.getTime(), cap, context);
}

function collect(
  rule: ScheduleRule,
  after: number,
  until: number,
  count: number,
  context: FireContext,
): Fire[] {
  const compiled = compileRule(rule);
  const fires: Fire[] = [];
  let cursor = after;
  while (fires.length < count) {
    const next = nextInstant(compiled, cursor, context, until);
    if (!next) break;
    fires.push(toFire(compiled, next));
    cursor = next.utc;
  }
  return fires;
}

function nextInstant(
  compiled: CompiledRule,
  after: number,
  context: FireContext,
  until: number,
): FireInstant | null {
  const from = Math.max(after, compiled.startMs - 1); // fires at startAt itself count
  return compiled.nextAfter(from, context, Math.min(until, compiled.endMs));
}

function toFire(compiled: CompiledRule, fire: FireInstant): Fire {
  const local = formatLocalIso(fire.utc, offsetAt(compiled.timeZone, fire.utc));
  return fire.dstAdjusted
    ? { utc: new Date(fire.utc), local, dstAdjusted: fire.dstAdjusted }
    : { utc: new Date(fire.utc), local };
}
