import { useMutation } from '@tanstack/vue-query';
import { reactive } from 'vue';
import type { DataSourceTestResult } from '../../../../shared/contracts/data-source';
import { useApiClient } from '../../api/use-api-client';

/** `POST /data-sources/{id}/test`, with each source's last result kept for its row. */
export function useTestConnection() {
  const api = useApiClient();
  const results = reactive<Record<string, DataSourceTestResult | { requestError: unknown }>>({});
  const test = useMutation({
    mutationFn: async (id: string) =>
      (
        await api.request<DataSourceTestResult>(`data-sources/${encodeURIComponent(id)}/test`, {
          method: 'POST',
        })
      ).data,
    onSuccess: (result, id) => (results[id] = result),
    onError: (error, id) => (results[id] = { requestError: error }),
  });
  return { test, results };
}
