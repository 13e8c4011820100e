import type { Schedule } from '../../contracts/schedule';
import type { Repositories } from '../../ports/repositories';
import { loadFireContext } from './fire-context';
import { invalidField } from '../validation/invalid-field';
import { nextRunAt } from './next-run-at';

/** The field to blame when a rule has no fire left. */
function blamedField(rule: Schedule['rule']): string {
  if (rule.kind === 'once') return 'at';
  if (rule.endAt) return 'endAt';
  return { cron: 'cronExpr', interval: 'every', calendar: 'on' }[rule.kind];
}

/**
 * A saved (or resumed) schedule's `nextRunAt`: its first fire after `now`, or null when paused. With
 * `requireFire`, a rule with no fire left (a `once` in the past, an `endAt` already passed) is a 400: saving it
 * would create a schedule that silently never runs.
 */
export async function firstRunAt(
  repos: Repositories,
  schedule: Pick<Schedule, 'tenantId' | 'rule' | 'holidayCalendarIds' | 'active'>,
  now: Date,
  requireFire: boolean,
): Promise<string | null> {
  if (!schedule.active) return null;
  const context = await loadFireContext(repos, schedule.tenantId, schedule.holidayCalendarIds);
  const next = nextRunAt(schedule.rule, now, context);
  if (next === null && requireFire)
    throw invalidField(
      blamedField(schedule.rule),
      'no_fire_left',
      `leaves no fire time after now (${now.toISOString()})`,
    );
  return next;
}
