import type { Schedule } from '../../shared/contracts/schedule';

/**
 * A daily 09:00 UTC cron schedule with every option off (no calendars, targets, condition or burst), as
 * the schedules repository stores it today; `fields` name the schedule and set what a test is about.
 */
export function dailySchedule(
  fields: Pick<Schedule, 'id' | 'tenantId' | 'reportId'> & Partial<Schedule>,
): Schedule {
  const now = new Date().toISOString();
  return {
    name: null,
    rule: {
      kind: 'cron',
      expression: '0 9 * * *',
      timezone: 'UTC',
      dst: { gap: 'shift_forward', overlap: 'first' },
    },
    holidayCalendarIds: [],
    misfirePolicy: { kind: 'fire_once' },
    parameters: {},
    emailDelivery: null,
    deliveryTargetIds: [],
    condition: null,
    reportVersion: 'latest',
    burst: null,
    active: true,
    nextRunAt: null,
    lastFireTime: null,
    createdBy: 'u',
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}

/**
 * A daily 09:00 UTC schedule in its stored pre-rule form (the cron fields at the top level), which every
 * version of the Schedule schema reads. Not today's type: callers insert it `as never`, as stored data.
 */
export function legacyStoredSchedule(
  fields: { id: string; tenantId: string; reportId: string } & Record<string, unknown>,
): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    kind: 'cron',
    cronExpr: '0 9 * * *',
    timezone: 'UTC',
    active: true,
    parameters: {},
    nextRunAt: null,
    createdBy: 'u1',
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}
