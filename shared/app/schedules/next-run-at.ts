import { nextFire } from '../../domain/scheduling/next-fires';
import type { FireContext } from '../../domain/scheduling/fire';
import type { ScheduleRule } from '../../domain/scheduling/schedule-rule';

/** `nextRunAt` of a rule: its first fire strictly after `after`, as stored (ISO UTC), or null when none is left. */
export function nextRunAt(rule: ScheduleRule, after: Date, context: FireContext): string | null {
  return nextFire(rule, after, context)?.utc.toISOString() ?? null;
}
