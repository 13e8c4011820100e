import { useQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';
import type { DeliveryRecord } from '../../../../shared/contracts/delivery';
import type { ExecutionRun } from '../../../../shared/contracts/run';
import type { ArtifactResource } from '../../../../shared/contracts/run-resources';
import { fetchAllPages } from '../../api/fetch-all-pages';
import { artifactKeys, deliveryKeys, runKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';
import { DELIVERY_POLL_MS, runDetailPollInterval } from './poll-interval';
import { isDeliveryActive, isRunActive } from './run-status';

/**
 * One run, its deliveries and its artifacts. Only the run is polled while it moves; the deliveries are
 * polled while any is still pending or sending, and the artifacts are fetched again when another render
 * step finishes — three lists on a 1.5 s timer would spend the tenant's request budget.
 */
export function useRunDetail(runId: Ref<string>) {
  const api = useApiClient();
  let latestDeliveries = (): DeliveryRecord[] | undefined => undefined;
  const run = useQuery({
    queryKey: computed(() => runKeys.detail(runId.value)),
    queryFn: ({ signal }) => api.get<ExecutionRun>(`runs/${encodeURIComponent(runId.value)}`, {}, signal),
    refetchInterval: (q): number => runDetailPollInterval(q.state.data, latestDeliveries()),
    refetchIntervalInBackground: false,
  });
  const deliveriesExpected = computed(() => run.data.value?.status === 'succeeded');
  const deliveries = useQuery({
    queryKey: computed(() => deliveryKeys.list({ runId: runId.value })),
    queryFn: ({ signal }) =>
      fetchAllPages<DeliveryRecord>(api, 'deliveries', { runId: runId.value }, { signal }),
    enabled: deliveriesExpected,
    refetchInterval: (q) =>
      q.state.data === undefined ||
      q.state.data.some((d) => isDeliveryActive(d.status)) ||
      !run.data.value?.deliveries
        ? DELIVERY_POLL_MS
        : false,
    refetchIntervalInBackground: false,
  });
  latestDeliveries = () => deliveries.data.value;
  const finishedRenders = computed(
    () =>
      run.data.value?.steps.filter((s) => s.name.startsWith('render:') && s.status === 'succeeded').length ??
      0,
  );
  const artifacts = useQuery({
    queryKey: computed(() => [...artifactKeys.list({ runId: runId.value }), finishedRenders.value] as const),
    queryFn: ({ signal }) =>
      fetchAllPages<ArtifactResource>(api, 'artifacts', { runId: runId.value }, { maxPages: 1, signal }),
    enabled: computed(() => run.data.value !== undefined),
    placeholderData: (previous) => previous,
  });
  const active = computed(() => (run.data.value ? isRunActive(run.data.value.status) : true));
  return { run, deliveries, artifacts, active };
}
