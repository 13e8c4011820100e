/** The schedules list with a text filter, and the tenant's schedule quota as far as the client can know it. */
import { useQuery } from '@tanstack/vue-query';
import { computed, ref } from 'vue';
import { quotaLimits } from '../../../../shared/app/quotas/quota-limits';
import type { Page } from '../../../../shared/contracts/common';
import type { ScheduleResource } from '../../../../shared/contracts/schedule-resource';
import { scheduleKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';
import { useSessionStore } from '../../auth/session-store';

export function useScheduleList() {
  const api = useApiClient();
  const session = useSessionStore();
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
  /**
   * Used / limit. The API has no quota endpoint: the count is the list's, the limit the tier's when the
   * token names a tier; null when unknown.
   */
  const quota = computed(() => {
    const page = query.data.value;
    if (!page) return null;
    const tier = session.principal?.tier;
    const limit = tier ? quotaLimits.schedules[tier] : undefined;
    return {
      used: page.items.length,
      more: page.nextCursor !== null,
      limit: limit === undefined ? undefined : limit,
    };
  });
  return { query, search, items, quota };
}
