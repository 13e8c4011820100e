import type { Schedule } from '../../contracts/schedule';
import type { ScheduleResource } from '../../contracts/schedule-resource';

function ruleFields(rule: Schedule['rule'], holidayCalendarIds: string[]): Partial<ScheduleResource> {
  switch (rule.kind) {
    case 'cron':
      return { cronExpr: rule.expression };
    case 'interval':
      return { every: rule.every };
    case 'calendar':
      return { time: rule.time, on: rule.on, holidayCalendarIds };
    case 'once':
      return { at: rule.at };
  }
}

/** A stored schedule in its wire form: the rule flattened back into the fields a body has. */
export function toScheduleResource(s: Schedule): ScheduleResource {
  return {
    id: s.id,
    tenantId: s.tenantId,
    reportId: s.reportId,
    name: s.name,
    kind: s.rule.kind,
    ...ruleFields(s.rule, s.holidayCalendarIds),
    timezone: s.rule.timezone,
    startAt: s.rule.startAt ?? null,
    endAt: s.rule.endAt ?? null,
    dstPolicy: s.rule.dst,
    misfirePolicy: s.misfirePolicy,
    parameters: s.parameters,
    emailDelivery: s.emailDelivery,
    deliveryTargetIds: s.deliveryTargetIds,
    condition: s.condition,
    reportVersion: s.reportVersion,
    burst: s.burst,
    status: !s.active ? 'paused' : s.nextRunAt === null ? 'completed' : 'active',
    nextRunAt: s.nextRunAt,
    lastFireTime: s.lastFireTime,
    createdBy: s.createdBy,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}
