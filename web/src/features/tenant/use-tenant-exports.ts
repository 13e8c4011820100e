import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed } from 'vue';
import type { Page } from '../../../../shared/contracts/common';
import type { TenantExportResource } from '../../../../shared/contracts/tenant-export';
import { tenantKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';

/** How often the list is read again while an export runs. */
export const EXPORT_POLL_MS = 2000;

/** Whether any export of the list is still being written (the page polls while so). */
export const anyRunning = (exports: readonly Pick<TenantExportResource, 'status'>[] | undefined) =>
  (exports ?? []).some((e) => e.status === 'running');

/** The tenant's recent exports (polled while one runs) and "export all data". */
export function useTenantExports() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: tenantKeys.exports(),
    queryFn: ({ signal }) => api.get<Page<TenantExportResource>>('tenant/exports', { limit: 5 }, signal),
    refetchInterval: (query) => (anyRunning(query.state.data?.items) ? EXPORT_POLL_MS : false),
  });
  const start = useMutation({
    mutationFn: () =>
      api.request<TenantExportResource>('tenant/export', {
        method: 'POST',
        body: {},
        idempotencyKey: crypto.randomUUID(),
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tenantKeys.exports() }),
  });
  const running = computed(() => anyRunning(list.data.value?.items));
  return { list, start, running };
}
