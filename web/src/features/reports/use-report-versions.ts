/** A report's versions (newest first, the first 100) and one version, for the schedule builder and run detail. */
import { useQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';
import type { Page } from '../../../../shared/contracts/common';
import type { ReportVersionResource } from '../../../../shared/contracts/report-version';
import { reportKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';

const versionsPath = (reportId: string) => `reports/${encodeURIComponent(reportId)}/versions`;

export function useReportVersions(reportId: Ref<string | undefined>) {
  const api = useApiClient();
  return useQuery({
    queryKey: computed(() => [...reportKeys.detail(reportId.value ?? ''), 'versions'] as const),
    queryFn: ({ signal }) =>
      api.get<Page<ReportVersionResource>>(versionsPath(reportId.value!), { limit: 100 }, signal),
    enabled: computed(() => Boolean(reportId.value)),
    staleTime: 30_000,
  });
}

/** Version `n` of a report; versions never change, so it is never refetched. */
export function useReportVersion(reportId: Ref<string | undefined>, n: Ref<number | undefined>) {
  const api = useApiClient();
  return useQuery({
    queryKey: computed(() => [...reportKeys.detail(reportId.value ?? ''), 'versions', n.value] as const),
    queryFn: ({ signal }) =>
      api.get<ReportVersionResource>(`${versionsPath(reportId.value!)}/${String(n.value)}`, {}, signal),
    enabled: computed(() => Boolean(reportId.value) && n.value !== undefined),
    staleTime: Infinity,
  });
}
