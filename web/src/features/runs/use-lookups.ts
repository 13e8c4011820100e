import { useQuery } from '@tanstack/vue-query';
import { computed } from 'vue';
import type { ReportDefinition } from '../../../../shared/contracts/report';
import type { ScheduleResource } from '../../../../shared/contracts/schedule-resource';
import { fetchAllPages } from '../../api/fetch-all-pages';
import { reportKeys, scheduleKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';

const lookupStaleMs = 60_000;

/** The tenant's reports by id: names for run and artifact lists, options for their report filter. */
export function useReportNames() {
  const api = useApiClient();
  const query = useQuery({
    queryKey: reportKeys.list({ all: true }),
    queryFn: ({ signal }) => fetchAllPages<ReportDefinition>(api, 'reports', {}, { maxPages: 5, signal }),
    staleTime: lookupStaleMs,
  });
  const byId = computed(() => new Map((query.data.value ?? []).map((r) => [r.id, r.name])));
  return {
    nameOf: (id: string) => byId.value.get(id) ?? id,
    options: computed(() => (query.data.value ?? []).map((r) => ({ value: r.id, title: r.name }))),
  };
}

/** The tenant's schedules, for the run history's schedule filter and links. */
export function useScheduleNames() {
  const api = useApiClient();
  const query = useQuery({
    queryKey: scheduleKeys.list({ all: true }),
    queryFn: ({ signal }) => fetchAllPages<ScheduleResource>(api, 'schedules', {}, { maxPages: 5, signal }),
    staleTime: lookupStaleMs,
  });
  const byId = computed(
    () => new Map((query.data.value ?? []).map((s) => [s.id, s.name ?? `Schedule ${s.id.slice(0, 8)}`])),
  );
  return {
    nameOf: (id: string) => byId.value.get(id) ?? id,
    options: computed(() =>
      (query.data.value ?? []).map((s) => ({ value: s.id, title: byId.value.get(s.id) ?? s.id })),
    ),
  };
}
