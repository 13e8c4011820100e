/** The pick lists of the builder: reports, delivery targets and holiday calendars (first 100 of each). */
import { useQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';
import type { Page } from '../../../../shared/contracts/common';
import type { DeliveryTarget } from '../../../../shared/contracts/delivery-target';
import type { HolidayCalendar } from '../../../../shared/contracts/holiday-calendar';
import type { ReportDefinition } from '../../../../shared/contracts/report';
import { deliveryTargetKeys, holidayCalendarKeys, reportKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';

function useFirstPage<T>(path: string, key: readonly unknown[]) {
  const api = useApiClient();
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<Page<T>>(path, { limit: 100 }, signal),
    staleTime: 60_000,
  });
}

export function useHolidayCalendarOptions() {
  const query = useFirstPage<HolidayCalendar>('holiday-calendars', holidayCalendarKeys.list({ limit: 100 }));
  const items = computed(() =>
    (query.data.value?.items ?? []).map((c) => ({
      value: c.id,
      title: `${c.name} (${c.dates.length} dates)`,
    })),
  );
  /** The holidays of the chosen calendars, for the preview. */
  const holidaysOf = (ids: Ref<readonly string[]>) =>
    computed<ReadonlySet<string>>(
      () =>
        new Set(
          (query.data.value?.items ?? []).filter((c) => ids.value.includes(c.id)).flatMap((c) => c.dates),
        ),
    );
  return { items, loading: query.isPending, error: query.error, holidaysOf };
}

export function useDeliveryTargetOptions() {
  const query = useFirstPage<DeliveryTarget>('delivery-targets', deliveryTargetKeys.list({ limit: 100 }));
  const items = computed(() =>
    (query.data.value?.items ?? []).map((t) => ({ value: t.id, title: t.name, subtitle: t.type })),
  );
  return { items, loading: query.isPending, error: query.error };
}

export function useReportOptions() {
  const query = useFirstPage<ReportDefinition>('reports', reportKeys.list({ limit: 100 }));
  const items = computed(() => (query.data.value?.items ?? []).map((r) => ({ value: r.id, title: r.name })));
  const byId = (id: string) => query.data.value?.items.find((r) => r.id === id);
  return { items, loading: query.isPending, error: query.error, byId };
}
