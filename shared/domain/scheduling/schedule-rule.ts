/**
 * When a schedule fires. Parse rules with `ScheduleRule` once (at the boundary); the computations take the parsed
 * form. Instants (`startAt`, `endAt`, an absolute `once.at`) carry a `Z` or an offset; everything local is read in
 * `timezone`, an IANA zone name.
 */
import { z } from 'zod';
import { BoundedInstant, EARLIEST_MS, LATEST_MS } from '../time-bounds';
import { checkCronExpression } from './cron-expression';
import { checkIntervalStep } from './interval-step';
import { parseOnceTime } from './once-time';
import { isValidTimeZone } from './time-zone';

export const TimeZone = z
  .string()
  .refine(isValidTimeZone, { message: 'must be an IANA time zone name such as Europe/Berlin or UTC' });

/**
 * What to do with a local time DST makes vanish (`gap`) or repeat (`overlap`). Defaults follow RFC 5545 and
 * Temporal's `compatible`: a vanished time is pushed forward by the gap's length, a repeated one fires once, first.
 */
export const DstPolicy = z.strictObject({
  gap: z.enum(['shift_forward', 'skip']).default('shift_forward'),
  overlap: z.enum(['first', 'both']).default('first'),
});
export type DstPolicy = z.output<typeof DstPolicy>;

const Instant = BoundedInstant;

const common = {
  timezone: TimeZone,
  /** No fire before this instant (inclusive). */
  startAt: Instant.optional(),
  /** No fire after this instant (inclusive). */
  endAt: Instant.optional(),
  dst: DstPolicy.default({ gap: 'shift_forward', overlap: 'first' }),
};

export const CronRule = z.strictObject({
  kind: z.literal('cron'),
  expression: z.string().superRefine((text, ctx) => {
    const check = checkCronExpression(text);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.problem.message });
  }),
  ...common,
});

export const IntervalRule = z.strictObject({
  kind: z.literal('interval'),
  /** ISO 8601 duration: `PT15M`, `PT2H` (elapsed time) or `P1D`, `P2W`, `P1M`, `P1Y` (calendar steps). */
  every: z.string().superRefine((text, ctx) => {
    const check = checkIntervalStep(text);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message });
  }),
  ...common,
  /** The anchor: the first fire, and the wall time calendar steps keep. */
  startAt: Instant,
});

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

export const CalendarDays = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('weekdays') }),
  z.strictObject({
    type: z.literal('nth_weekday'),
    nth: z.union([z.int().min(1).max(5), z.literal('last')]),
    weekday: Weekday,
  }),
  z.strictObject({ type: z.literal('last_business_day') }),
  z.strictObject({ type: z.literal('nth_business_day'), nth: z.int().min(1).max(23) }),
]);
export type CalendarDays = z.output<typeof CalendarDays>;

export const CalendarRule = z.strictObject({
  kind: z.literal('calendar'),
  /** Local time of day, `HH:mm`. */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:mm (00:00–23:59)'),
  on: CalendarDays,
  ...common,
});

/** A local time is checked as if it were UTC: zones move it by at most a day, and the end of time ends fires. */
function onceTimeWithinBounds(text: string): boolean {
  const at = parseOnceTime(text);
  if (!at) return true;
  const ms = at.kind === 'instant' ? at.utc : at.wall;
  return ms >= EARLIEST_MS && ms <= LATEST_MS;
}

export const OnceRule = z.strictObject({
  kind: z.literal('once'),
  /** An instant (`…Z`, `…+01:00`) or a local date-time without offset, read in `timezone`. */
  at: z
    .string()
    .refine((text) => parseOnceTime(text) !== null, {
      message:
        'must be a date-time YYYY-MM-DDTHH:mm[:ss], with Z or ±hh:mm for an instant, without for local time',
    })
    .refine(onceTimeWithinBounds, { message: 'must be between 1970-01-01 and 9999-12-31' }),
  ...common,
});

export const ScheduleRule = z
  .discriminatedUnion('kind', [CronRule, IntervalRule, CalendarRule, OnceRule])
  .refine((rule) => !rule.startAt || !rule.endAt || Date.parse(rule.startAt) <= Date.parse(rule.endAt), {
    message: 'endAt must not be before startAt',
    path: ['endAt'],
  });
export type ScheduleRule = z.output<typeof ScheduleRule>;
export type CronRule = z.output<typeof CronRule>;
export type IntervalRule = z.output<typeof IntervalRule>;
export type CalendarRule = z.output<typeof CalendarRule>;
export type OnceRule = z.output<typeof OnceRule>;
