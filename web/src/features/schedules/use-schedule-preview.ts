/**
 * The live "next 10 fires" of the rule being built. Cron rules ask `GET /schedules/preview` (debounced while
 * typing); the other kinds, which that endpoint does not take, run the scheduler's own domain code in the page
 * with the chosen holiday calendars. Both give the fires under the default DST policy; annotateFires applies the
 * chosen one and says what it does.
 */
import { keepPreviousData, useQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';
import type { FireList } from '../../../../shared/contracts/schedule-resource';
import { nextFires } from '../../../../shared/domain/scheduling/next-fires';
import { ScheduleRule } from '../../../../shared/domain/scheduling/schedule-rule';
import { scheduleKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';
import { useDebounced } from '../../ui/use-debounced';
import { annotateFires, type FireRow, type PreviewFire } from './annotate-fires';
import { checkCron } from './cron/cron-fields';
import type { ScheduleForm } from './schedule-form';
import { localToInstant } from './zoned-time';

const SHOWN = 10;
/** Extra fires fetched so skipped ones can be shown in place and ten still run. */
const FETCHED = 14;

type RuleInput = Pick<
  ScheduleForm,
  'kind' | 'cronExpr' | 'every' | 'startAt' | 'endAt' | 'time' | 'on' | 'at' | 'timezone'
>;

/** The rule as the domain parses it (default DST policy), or null with the reason it is not ready. */
export function ruleOf(input: RuleInput): { rule: ScheduleRule | null; problem: string | null } {
  const zone = input.timezone;
  const bounds = {
    ...(input.kind !== 'interval' && input.startAt ? { startAt: localToInstant(input.startAt, zone) } : {}),
    ...(input.endAt ? { endAt: localToInstant(input.endAt, zone) } : {}),
  };
  const candidate =
    input.kind === 'cron'
      ? { kind: 'cron', expression: input.cronExpr, timezone: zone, ...bounds }
      : input.kind === 'interval'
        ? {
            kind: 'interval',
            every: input.every,
            timezone: zone,
            ...bounds,
            startAt: localToInstant(input.startAt, zone),
          }
        : input.kind === 'calendar'
          ? { kind: 'calendar', time: input.time, on: input.on, timezone: zone, ...bounds }
          : { kind: 'once', at: input.at, timezone: zone, ...bounds };
  const parsed = ScheduleRule.safeParse(candidate);
  if (parsed.success) return { rule: parsed.data, problem: null };
  const issue = parsed.error.issues[0];
  return {
    rule: null,
    problem: issue ? `${issue.path.join('.') || 'rule'}: ${issue.message}` : 'The rule is incomplete',
  };
}

export function useSchedulePreview(
  form: Ref<ScheduleForm>,
  holidays: Ref<ReadonlySet<string>>,
  now: () => Date = () => new Date(),
) {
  const api = useApiClient();
  const input = useDebounced<RuleInput>(() => ({ ...form.value }), 350, { ...form.value });

  const cronParams = computed(() => {
    const { kind, cronExpr, timezone } = input.value;
    return kind === 'cron' && checkCron(cronExpr).ok
      ? { cron: cronExpr.trim(), timezone, count: FETCHED }
      : null;
  });
  const remote = useQuery({
    queryKey: computed(() => scheduleKeys.preview(cronParams.value ?? {})),
    queryFn: ({ signal }) => api.get<FireList>('schedules/preview', cronParams.value!, signal),
    enabled: computed(() => cronParams.value !== null),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

  const parsed = computed(() => ruleOf(input.value));
  const fires = computed<PreviewFire[]>(() => {
    if (input.value.kind === 'cron') return cronParams.value ? (remote.data.value?.items ?? []) : [];
    const rule = parsed.value.rule;
    if (!rule) return [];
    return nextFires(rule, now(), FETCHED, { holidays: holidays.value }).map((fire) => ({
      utc: fire.utc.toISOString(),
      local: fire.local,
      ...(fire.dstAdjusted ? { dstAdjusted: fire.dstAdjusted } : {}),
    }));
  });

  const rows = computed<FireRow[]>(() =>
    annotateFires(fires.value, input.value.timezone, form.value.dstPolicy, SHOWN),
  );
  const problem = computed(() =>
    input.value.kind === 'cron' && !cronParams.value
      ? 'Fix the cron expression to see its fires.'
      : parsed.value.problem,
  );
  const loading = computed(() => input.value.kind === 'cron' && remote.isFetching.value);
  const source = computed(() => (input.value.kind === 'cron' ? 'server' : 'browser'));
  const zone = computed(() => input.value.timezone);

  return { rows, problem, loading, error: remote.error, source, zone };
}
