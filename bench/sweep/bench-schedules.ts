import { ScheduleRecord, type Schedule } from '../../shared/contracts/schedule';
import { nextFire } from '../../shared/domain/scheduling/next-fires';
import { ScheduleRule } from '../../shared/domain/scheduling/schedule-rule';

/** The minute 30 % of the schedules fire in (a Tuesday in every zone used). */
export const DUE_MINUTE = new Date('2026-12-01T14:00:00Z');
export const ZONES = [
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
];
/** Kinds in proportion: 4 cron (5 fields), 1 cron with seconds, 2 interval (P1D), 2 calendar (weekdays), 1 once. */
const KINDS = [
  'cron',
  'cron',
  'cron',
  'cron',
  'cron6',
  'interval',
  'interval',
  'calendar',
  'calendar',
  'once',
] as const;
type Kind = (typeof KINDS)[number];

const formats = new Map<string, Intl.DateTimeFormat>();
const wallParts = (zone: string, at: Date) => {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formats.set(zone, format);
  }
  const parts = format.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { hh: get('hour'), mm: get('minute'), weekday: get('weekday') };
};

/** A rule of `kind` in `zone` whose first fire after `after` is `fire`. */
function ruleFiringAt(kind: Kind, zone: string, fire: Date): unknown {
  const { hh, mm, weekday } = wallParts(zone, fire);
  const base = { timezone: zone };
  switch (kind) {
    case 'cron':
      return { ...base, kind: 'cron', expression: `${Number(mm)} ${Number(hh)} * * *` };
    case 'cron6':
      return { ...base, kind: 'cron', expression: `0 ${Number(mm)} ${Number(hh)} * * *` };
    case 'interval':
      return {
        ...base,
        kind: 'interval',
        every: 'P1D',
        startAt: new Date(fire.getTime() - 86_400_000).toISOString(),
      };
    case 'calendar':
      return ['Sat', 'Sun'].includes(weekday)
        ? ruleFiringAt('cron', zone, fire)
        : { ...base, kind: 'calendar', time: `${hh}:${mm}`, on: { type: 'weekdays' } };
    case 'once':
      return { ...base, kind: 'once', at: fire.toISOString() };
  }
}

export interface BenchData {
  schedules: Schedule[];
  tenantIds: string[];
  due: number;
}

/**
 * 50,000 schedules over 1,000 tenants: 3 in 10 (`duePerThousand`) fire at DUE_MINUTE, the others at quarter hours over the next
 * day (where schedules cluster in practice), in ten zones and five kinds. Every `nextRunAt` is computed by the
 * domain code and checked against the intended fire.
 */
export function generateSchedules(tenants = 1000, perTenant = 50, duePerThousand = 300): BenchData {
  const after = new Date(DUE_MINUTE.getTime() - 10 * 60_000);
  const at = after.toISOString();
  const schedules: Schedule[] = [];
  let due = 0;
  for (let t = 0; t < tenants; t++) {
    for (let k = 0; k < perTenant; k++) {
      const i = t * perTenant + k;
      const isDue = (i * 7) % 1000 < duePerThousand;
      const fire = isDue
        ? DUE_MINUTE
        : new Date(DUE_MINUTE.getTime() + (1 + ((i * 7919) % 95)) * 15 * 60_000);
      const rule = ScheduleRule.parse(
        ruleFiringAt(KINDS[(i * 31) % KINDS.length]!, ZONES[i % ZONES.length]!, fire),
      );
      const next = nextFire(rule, after)?.utc;
      if (next?.getTime() !== fire.getTime())
        throw new Error(`generator: ${JSON.stringify(rule)} fires at ${next?.toISOString()}`);
      if (isDue) due++;
      schedules.push(
        ScheduleRecord.parse({
          id: `s-${t}-${k}`,
          tenantId: `t${t}`,
          reportId: `r-${t}`,
          rule,
          active: true,
          nextRunAt: fire.toISOString(),
          createdBy: 'bench',
          createdAt: at,
          updatedAt: at,
        }),
      );
    }
  }
  return { schedules, tenantIds: Array.from({ length: tenants }, (_, t) => `t${t}`), due };
}
