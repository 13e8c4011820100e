/**
 * A schedule as it is stored: the parsed rule (cron / interval / calendar / once, zone, bounds, DST policy), what
 * to do with fires missed during downtime, what to run and where to deliver it, and `nextRunAt` — the one fire the
 * due index holds a row for. The API's wire form is in schedule-resource.ts.
 */
import { z } from 'zod';
import { EARLIEST_MS, LATEST_MS } from '../domain/time-bounds';
import { MisfirePolicy } from '../domain/scheduling/misfire-policy';
import { ScheduleRule } from '../domain/scheduling/schedule-rule';
import { EmailDelivery } from './schedule-email-delivery';
import { Burst } from './schedule-burst';
import { Id, IsoDateTime, TenantId } from './primitives';
import { maxReportVersion } from './report-version';

import { ParameterValues } from './schedule-parameters';

export { ParameterValues };

/** `latest`, or the number of a version of the schedule's report. */
export const ScheduleReportVersion = z
  .union([z.literal('latest'), z.number().int().min(1).max(maxReportVersion)])
  .meta({
    description:
      "The report version the schedule's runs execute: `latest` follows every save, a number pins that version",
    examples: ['latest', 3],
  });
export type ScheduleReportVersion = z.output<typeof ScheduleReportVersion>;

export const ScheduleRecord = z.strictObject({
  id: Id,
  tenantId: TenantId,
  reportId: Id,
  name: z.string().max(200).nullable().default(null),
  rule: ScheduleRule,
  /** Holiday calendars whose dates are not business days (calendar rules). */
  holidayCalendarIds: z.array(Id).max(10).default([]),
  misfirePolicy: MisfirePolicy.default({ kind: 'fire_once' }),
  parameters: ParameterValues.default({}),
  emailDelivery: EmailDelivery.nullable().default(null),
  deliveryTargetIds: z.array(Id).max(20).default([]),
  /** Sent only when this holds after extract (`rowCount > 0`, `sum(amount) > 100000`, `changed`); null: always. */
  condition: z.string().max(500).nullable().default(null),
  /** The report version its runs execute: `latest` follows every save; a number pins that version. */
  reportVersion: ScheduleReportVersion.default('latest'),
  /** Each recipient gets only their slice of the report (docs/delivery.md, "Bursting"); null: everyone gets all. */
  burst: Burst.nullable().default(null),
  /** False while paused. */
  active: z.boolean(),
  /** The next fire time (UTC), recomputed only when the schedule fires or changes; null when it never fires again. */
  nextRunAt: IsoDateTime.nullable(),
  /** The last fire the scheduler published (a catch-up fire included). */
  lastFireTime: IsoDateTime.nullable().default(null),
  createdBy: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Schedule = z.output<typeof ScheduleRecord>;

/** Schedules stored before rules existed (`kind: 'cron'`, `cronExpr`, `timezone`) read as cron rules. */
function upgradeStoredSchedule(doc: unknown): unknown {
  if (typeof doc !== 'object' || doc === null || 'rule' in doc || !('cronExpr' in doc)) return doc;
  const { kind: _kind, cronExpr, timezone, ...rest } = doc as Record<string, unknown>;
  return { ...rest, rule: { kind: 'cron', expression: cronExpr, timezone } };
}

const outside = (value: unknown, keep: (ms: number) => boolean) =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value)) && !keep(Date.parse(value));

/**
 * Dates stored before they were bounded (1970–9999): a fire computed past the end of time (`+010000-…`) is
 * no fire; a `startAt` before 1970 or an `endAt` after 9999 bounds nothing the scheduler can still reach.
 */
function boundStoredDates(doc: unknown): unknown {
  if (typeof doc !== 'object' || doc === null) return doc;
  const out = { ...(doc as Record<string, unknown>) };
  for (const key of ['nextRunAt', 'lastFireTime'])
    if (typeof out[key] === 'string' && /^[+-]\d{6}-/.test(out[key])) out[key] = null;
  if (typeof out.rule === 'object' && out.rule !== null) {
    const rule = { ...(out.rule as Record<string, unknown>) };
    if (rule.kind !== 'interval' && outside(rule.startAt, (ms) => ms >= EARLIEST_MS)) delete rule.startAt;
    if (outside(rule.endAt, (ms) => ms <= LATEST_MS)) delete rule.endAt;
    out.rule = rule;
  }
  return out;
}

/** The stored form, read with the upgrade of older documents. */
export const Schedule = z.preprocess((doc) => boundStoredDates(upgradeStoredSchedule(doc)), ScheduleRecord);
