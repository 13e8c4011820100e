import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import type { TenantPatch, TenantResource, TenantUsage } from '../../../../shared/contracts/tenant-resources';
import { tenantKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';

/** The tenant's settings (with their ETag), its usage, and a save that sends the ETag back as If-Match. */
export function useTenantSettings() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: tenantKeys.settings(),
    queryFn: ({ signal }) => api.request<TenantResource>('tenant', { signal }),
  });
  const usage = useQuery({
    queryKey: tenantKeys.usage(),
    queryFn: ({ signal }) => api.get<TenantUsage>('tenant/usage', undefined, signal),
  });
  const save = useMutation({
    mutationFn: (body: TenantPatch) =>
      api.request<TenantResource>('tenant', {
        method: 'PATCH',
        body,
        ifMatch: settings.data.value?.etag,
      }),
    onSuccess: (saved) => queryClient.setQueryData(tenantKeys.settings(), saved),
  });
  /** After a 412: read the current version; the form shows it. */
  const reload = () => queryClient.invalidateQueries({ queryKey: tenantKeys.all });
  return { settings, usage, save, reload };
}
