import { computed, type ComputedRef } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { QueryLike } from '../../ui/query-params';

/**
 * Filters that live in the URL: read from the route's query, written back with `router.replace` (no
 * history entry per keystroke), so a filtered view can be bookmarked and shared.
 */
export function useRouteFilters<F extends object>(
  parse: (query: QueryLike) => F,
  toQuery: (filters: F) => Record<string, string>,
): { filters: ComputedRef<F>; setFilters: (patch: Partial<F>) => Promise<void> } {
  const route = useRoute();
  const router = useRouter();
  const filters = computed(() => parse(route.query));
  const setFilters = async (patch: Partial<F>) => {
    await router.replace({ query: toQuery({ ...filters.value, ...patch }) });
  };
  return { filters, setFilters };
}
