/** The schedules list with a text filter, and the tenant's schedule quota as far as the client can know it. */
import { useQuery } from '@tanstack/vue-query';
import { computed, ref } from 'vue';
import type { Page } from '../../../../shared/contracts/common';
import type { ScheduleResource } from '../../../../shared/contracts/schedule-resource';
import type { TenantUsage } from '../../../../shared/contracts/tenant-resources';
import { scheduleKeys, tenantKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';

export function useScheduleList() {
  const api = useApiClient();
  const search = ref('');
  const query = useQuery({
    queryKey: scheduleKeys.list({ limit: 100 }),
    queryFn: ({ signal }) => api.get<Page<ScheduleResource>>('schedules', { limit: 100 }, signal),
    refetchInterval: 15_000,
  });
  const items = computed(() => {
    const needle = search.value.trim().toLowerCase();
    const all = query.data.value?.items ?? [];
    if (!needle) return all;
    return all.filter((s) =>
      [s.name, s.id, s.reportId, s.cronExpr, s.timezone].some((text) => text?.toLowerCase().includes(needle)),
    );
  });
  const usage = useQuery({
    queryKey: tenantKeys.usage(),
    queryFn: ({ signal }) => api.get<TenantUsage>('tenant/usage', undefined, signal),
  });
  /**
   * Used / limit from the tenant's usage (the tier of its record, not of the token); while that is not known,
   * the list's own count without a limit.
   */
  const quota = computed(() => {
    const page = query.data.value;
    if (!page) return null;
    const schedules = usage.data.value?.quotas.find((q) => q.quota === 'schedules');
    if (!schedules) return { used: page.items.length, more: page.nextCursor !== null, limit: undefined };
    return { used: schedules.used, more: false, limit: schedules.limit };
  });
  return { query, search, items, quota };
}
