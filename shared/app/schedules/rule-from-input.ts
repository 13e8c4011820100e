import type { ScheduleInput } from '../../contracts/schedule-resource';
import { MINUTE_MS } from '../../domain/scheduling/local-time';
import { ScheduleRule } from '../../domain/scheduling/schedule-rule';
import { invalidField } from '../validation/invalid-field';

/** Rule fields as the API names them (`cronExpr`, `dstPolicy`), for errors about the rule. */
const apiField: Record<string, string> = { expression: 'cronExpr', dst: 'dstPolicy' };

/**
 * The stored rule of an API body. An interval without `startAt` is anchored at the next whole minute after
 * `now`, so it has a first fire to count from.
 */
export function ruleFromInput(input: ScheduleInput, timezone: string, now: Date): ScheduleRule {
  const common = {
    timezone,
    ...(input.startAt ? { startAt: input.startAt } : {}),
    ...(input.endAt ? { endAt: input.endAt } : {}),
    ...(input.dstPolicy ? { dst: input.dstPolicy } : {}),
  };
  const candidate =
    input.kind === 'interval'
      ? {
          ...common,
          kind: 'interval',
          every: input.every,
          startAt:
            input.startAt ?? new Date(Math.ceil((now.getTime() + 1) / MINUTE_MS) * MINUTE_MS).toISOString(),
        }
      : input.kind === 'calendar'
        ? { ...common, kind: 'calendar', time: input.time, on: input.on }
        : input.kind === 'once'
          ? { ...common, kind: 'once', at: input.at }
          : { ...common, kind: 'cron', expression: input.cronExpr };
  const parsed = ScheduleRule.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map((p) => apiField[String(p)] ?? String(p)).join('.');
  throw invalidField(field || 'kind', 'invalid_value', issue.message);
}
