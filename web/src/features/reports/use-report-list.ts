import { useQuery } from '@tanstack/vue-query';
import { computed, ref } from 'vue';
import type { Page } from '../../../../shared/contracts/common';
import type { ReportDefinition } from '../../../../shared/contracts/report';
import { reportKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';

/** The reports list (first 100) with a search over name, description and owner. */
export function useReportList() {
  const api = useApiClient();
  const search = ref('');
  const query = useQuery({
    queryKey: reportKeys.list({ limit: 100 }),
    queryFn: ({ signal }) => api.get<Page<ReportDefinition>>('reports', { limit: 100 }, signal),
  });
  const items = computed(() => {
    const needle = search.value.trim().toLowerCase();
    const all = query.data.value?.items ?? [];
    return needle
      ? all.filter((r) =>
          [r.name, r.description, r.createdBy, r.id].some((t) => t.toLowerCase().includes(needle)),
        )
      : all;
  });
  return { query, search, items };
}
