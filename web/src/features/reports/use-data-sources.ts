/** The data source picker's options (the built-in sample first) and "test connection". */
import { useMutation, useQuery } from '@tanstack/vue-query';
import { computed } from 'vue';
import type { Page } from '../../../../shared/contracts/common';
import type { DataSourceDefinition, DataSourceTestResult } from '../../../../shared/contracts/data-source';
import { dataSourceKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';
import { BUILT_IN_CONNECTION } from './report-form';

export function useDataSources() {
  const api = useApiClient();
  const list = useQuery({
    queryKey: dataSourceKeys.list({ limit: 100 }),
    queryFn: ({ signal }) => api.get<Page<DataSourceDefinition>>('data-sources', { limit: 100 }, signal),
    staleTime: 60_000,
  });
  const items = computed(() => [
    { value: BUILT_IN_CONNECTION, title: 'Sample sales data (built in, DuckDB)' },
    ...(list.data.value?.items ?? []).map((d) => ({ value: d.id, title: `${d.name} (${d.type})` })),
  ]);
  const test = useMutation({
    mutationFn: async (id: string) =>
      (await api.request<DataSourceTestResult>(`data-sources/${id}/test`, { method: 'POST' })).data,
  });
  return { items, loading: list.isPending, error: list.error, test };
}
