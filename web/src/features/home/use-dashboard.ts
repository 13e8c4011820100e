import { useQuery } from '@tanstack/vue-query';
import { computed } from 'vue';
import type { Page } from '../../../../shared/contracts/common';
import type { ExecutionRun } from '../../../../shared/contracts/run';
import type { ScheduleResource } from '../../../../shared/contracts/schedule-resource';
import { useApiClient } from '../../api/use-api-client';
import { runKeys, scheduleKeys } from '../../api/query-keys';

/** The dashboard's two lists: the latest runs (refreshed every 5 s) and the schedules that fire next. */
export function useDashboard() {
  const api = useApiClient();
  const runs = useQuery({
    queryKey: runKeys.list({ limit: 8 }),
    queryFn: ({ signal }) => api.get<Page<ExecutionRun>>('runs', { limit: 8 }, signal),
    refetchInterval: 5000,
  });
  const schedules = useQuery({
    queryKey: scheduleKeys.list({ limit: 100 }),
    queryFn: ({ signal }) => api.get<Page<ScheduleResource>>('schedules', { limit: 100 }, signal),
  });
  const nextFires = computed(() =>
    (schedules.data.value?.items ?? [])
      .filter((s) => s.status === 'active' && s.nextRunAt)
      .sort((a, b) => Date.parse(a.nextRunAt!) - Date.parse(b.nextRunAt!))
      .slice(0, 8),
  );
  return { runs, schedules, nextFires };
}
