import { keepPreviousData, useInfiniteQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';
import type { AuditEvent } from '../../../../shared/contracts/audit-event';
import type { Page } from '../../../../shared/contracts/common';
import { auditEventKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';
import { viewerTimeZone } from '../../ui/zoned-day';
import { auditFiltersToApi, matchesAuditClientFilters, type AuditFilters } from './audit-filters';

/** The audit trail (oldest first, as the API lists it), 100 a page; actor and action filter the loaded pages. */
export function useAuditEvents(filters: Ref<AuditFilters>) {
  const api = useApiClient();
  const zone = viewerTimeZone();
  const apiFilters = computed(() => auditFiltersToApi(filters.value, zone));
  const query = useInfiniteQuery({
    queryKey: computed(() => auditEventKeys.list(apiFilters.value)),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<AuditEvent>>(
        'audit-events',
        { ...apiFilters.value, limit: 100, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const loaded = computed(() => (query.data.value?.pages ?? []).flatMap((p) => p.items));
  const events = computed(() => loaded.value.filter((e) => matchesAuditClientFilters(e, filters.value)));
  return { query, events, loaded };
}
