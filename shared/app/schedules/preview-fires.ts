import type { FireList } from '../../contracts/schedule-resource';
import type { Fire } from '../../domain/scheduling/fire';
import { nextFires } from '../../domain/scheduling/next-fires';
import { ScheduleRule } from '../../domain/scheduling/schedule-rule';
import type { Repositories } from '../../ports/repositories';
import type { Principal } from '../auth/principal';
import { loadFireContext } from './fire-context';
import { loadSchedule } from './load-schedule';

const toFireList = (fires: Fire[]): FireList => ({
  items: fires.map((f) => ({
    utc: f.utc.toISOString(),
    local: f.local,
    ...(f.dstAdjusted ? { dstAdjusted: f.dstAdjusted } : {}),
  })),
});

/** GET /schedules/preview: the next fires of a cron expression in a zone (default DST policy), nothing saved. */
export function previewCronFires(
  query: { cron: string; timezone: string; from?: string | undefined; count: number },
  now: Date,
): FireList {
  const rule = ScheduleRule.parse({ kind: 'cron', expression: query.cron, timezone: query.timezone });
  return toFireList(nextFires(rule, query.from ? new Date(query.from) : now, query.count));
}

/**
 * GET /schedules/{id}/next: the schedule's next fires after `from` (default now), with its holidays and DST
 * policy. A paused schedule has none.
 */
export async function nextFiresOfSchedule(
  repos: Repositories,
  actor: Principal,
  id: string,
  query: { from?: string | undefined; count: number },
  now: Date,
): Promise<FireList> {
  const { doc } = await loadSchedule(repos, actor, id, 'read');
  if (!doc.active) return { items: [] };
  const context = await loadFireContext(repos, actor.tenantId, doc.holidayCalendarIds);
  return toFireList(nextFires(doc.rule, query.from ? new Date(query.from) : now, query.count, context));
}
