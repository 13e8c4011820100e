import { useMutation, useQueryClient } from '@tanstack/vue-query';
import type { Ref } from 'vue';
import { useRouter } from 'vue-router';
import type { DeliveryRecord } from '../../../../shared/contracts/delivery';
import { deliveryKeys, runKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';

/** Cancel, retry (opens the new run), redrive one delivery, redrive every failed one. */
export function useRunActions(runId: Ref<string>) {
  const api = useApiClient();
  const client = useQueryClient();
  const router = useRouter();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: runKeys.detail(runId.value) }),
      client.invalidateQueries({ queryKey: runKeys.lists() }),
      client.invalidateQueries({ queryKey: deliveryKeys.list({ runId: runId.value }) }),
    ]);
  const post = <T>(path: string) =>
    api.request<T>(path, { method: 'POST', idempotencyKey: crypto.randomUUID() }).then((r) => r.data);

  const cancel = useMutation({
    mutationFn: () => post(`runs/${encodeURIComponent(runId.value)}/cancel`),
    onSettled: refresh,
  });
  const retry = useMutation({
    mutationFn: () => post<{ runId: string }>(`runs/${encodeURIComponent(runId.value)}/retry`),
    onSuccess: async (result) => {
      await refresh();
      await router.push({ name: 'run', params: { id: result.runId } });
    },
  });
  const redrive = useMutation({
    mutationFn: (deliveryId: string) => post(`deliveries/${encodeURIComponent(deliveryId)}/redrive`),
    onSettled: refresh,
  });
  /** Sends the failed ones again, one request each; reports how many went out before any error. */
  const redriveFailed = useMutation({
    mutationFn: async (failed: readonly DeliveryRecord[]) => {
      for (const d of failed) await post(`deliveries/${encodeURIComponent(d.id)}/redrive`);
      return failed.length;
    },
    onSettled: refresh,
  });
  return { cancel, retry, redrive, redriveFailed };
}
