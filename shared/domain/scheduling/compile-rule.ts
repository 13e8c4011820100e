/**
 * A parsed rule turned, once, into something that answers "the next fire after t": its expression, duration or
 * date parsed and its pattern built. Kept per rule object (a WeakMap), so a sweep asking the same rule again does
 * no parsing; parsed rules are treated as immutable.
 */
import { AppError } from '../errors';
import { LATEST_MS } from '../time-bounds';
import { calendarPattern } from './calendar-pattern';
import { parseCronExpression } from './cron-expression';
import { cronPattern } from './cron-pattern';
import type { FireContext, FireInstant } from './fire';
import { calendarStepPattern } from './interval-pattern';
import { parseIntervalStep } from './interval-step';
import type { LocalPattern } from './local-pattern';
import { parseOnceTime } from './once-time';
import type { IntervalRule, OnceRule, ScheduleRule } from './schedule-rule';
import { offsetAt } from './zone-offsets';
import { firesOfWallTime, nextZonedFire } from './zoned-fire-search';

export interface CompiledRule {
  timeZone: string;
  /** Inclusive bounds in epoch ms (-Infinity when open at the start; never after LATEST_MS). */
  startMs: number;
  endMs: number;
  /** The first fire strictly after `after` and not after `until`, ignoring `startAt`. */
  nextAfter(after: number, context: FireContext, until: number): FireInstant | null;
}

const compiled = new WeakMap<ScheduleRule, CompiledRule>();

export function compileRule(rule: ScheduleRule): CompiledRule {
  let known = compiled.get(rule);
  if (!known) {
    known = {
      timeZone: rule.timezone,
      startMs: rule.startAt ? Date.parse(rule.startAt) : -Infinity,
      // Time ends at LATEST_MS: a rule whose next fire would be later has no further fire.
      endMs: Math.min(rule.endAt ? Date.parse(rule.endAt) : Infinity, LATEST_MS),
      nextAfter: sourceOf(rule),
    };
    compiled.set(rule, known);
  }
  return known;
}

function sourceOf(rule: ScheduleRule): CompiledRule['nextAfter'] {
  switch (rule.kind) {
    case 'cron':
      return zoned(rule, cronPattern(parseCronExpression(rule.expression)));
    case 'calendar':
      return zoned(rule, calendarPattern(rule.on, rule.time));
    case 'interval':
      return intervalSource(rule);
    case 'once':
      return onceSource(rule);
  }
}

const zoned =
  (rule: ScheduleRule, pattern: LocalPattern): CompiledRule['nextAfter'] =>
  (after, context, until) =>
    nextZonedFire(pattern, rule.timezone, rule.dst, after, context, until);

function intervalSource(rule: IntervalRule): CompiledRule['nextAfter'] {
  const step = parseIntervalStep(rule.every);
  const start = Date.parse(rule.startAt);
  if (step.kind === 'calendar') {
    const anchorWall = start + offsetAt(rule.timezone, start);
    return zoned(rule, calendarStepPattern(anchorWall, step.months, step.days));
  }
  return (after, _context, until) => {
    const k = after < start ? 0 : Math.floor((after - start) / step.ms) + 1;
    const utc = start + k * step.ms;
    return utc <= until ? { utc } : null;
  };
}

/** A local `once` time in a gap follows `dst.gap`; one in an overlap fires once, at its first occurrence. */
function onceSource(rule: OnceRule): CompiledRule['nextAfter'] {
  const at = parseOnceTime(rule.at);
  if (!at)
    throw new AppError('VALIDATION_ERROR', `Invalid once datetime "${rule.at}"`, {
      field: 'at',
      value: rule.at,
    });
  const fire =
    at.kind === 'instant'
      ? { utc: at.utc }
      : firesOfWallTime(rule.timezone, at.wall, { gap: rule.dst.gap, overlap: 'first' }, false)[0];
  return (after, _context, until) => (fire && fire.utc > after && fire.utc <= until ? fire : null);
}
