import { keepPreviousData, useInfiniteQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';
import type { Page } from '../../../../shared/contracts/common';
import type { ExecutionRun } from '../../../../shared/contracts/run';
import { runKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';
import { viewerTimeZone } from '../../ui/zoned-day';
import { runsPollInterval } from './poll-interval';
import { matchesClientFilters, runFiltersToApi, type RunFilters } from './run-filters';

const PAGE_SIZE = 50;

/**
 * The run history, newest first, refreshed by polling while the page is visible (Vue Query stops the
 * interval in a background tab): a new run or a status change shows within 5 s without a reload.
 */
export function useRunHistory(filters: Ref<RunFilters>) {
  const api = useApiClient();
  const apiFilters = computed(() => runFiltersToApi(filters.value));
  const query = useInfiniteQuery({
    queryKey: computed(() => runKeys.list(apiFilters.value)),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<ExecutionRun>>(
        'runs',
        { ...apiFilters.value, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => runsPollInterval(q.state.data?.pages.flatMap((p) => p.items)),
    refetchIntervalInBackground: false,
  });
  const zone = viewerTimeZone();
  const runs = computed(() =>
    (query.data.value?.pages ?? [])
      .flatMap((p) => p.items)
      .filter((r) => matchesClientFilters(r, filters.value, zone)),
  );
  return { query, runs };
}
