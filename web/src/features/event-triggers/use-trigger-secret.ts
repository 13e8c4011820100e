import { useMutation, useQueryClient } from '@tanstack/vue-query';
import { computed, ref } from 'vue';
import type { EventTriggerResource } from '../../../../shared/contracts/event-trigger';
import { eventTriggerKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';
import { signedCurlExample } from './signed-curl';

type WithSecret = EventTriggerResource & { secret: string };

/** The secret answered once (create, rotate), and the fields the secret dialog shows. */
export function useTriggerSecret() {
  const api = useApiClient();
  const client = useQueryClient();
  const revealed = ref<WithSecret | null>(null);
  const fields = computed(() =>
    revealed.value
      ? [
          { label: 'Trigger URL', value: revealed.value.url },
          { label: 'Signing secret', value: revealed.value.secret },
          {
            label: 'Example: fire it with curl',
            value: signedCurlExample(revealed.value.url, revealed.value.secret),
            multiline: true,
          },
        ]
      : [],
  );
  const rotate = useMutation({
    mutationFn: async (id: string) => {
      const path = `event-triggers/${encodeURIComponent(id)}`;
      const { etag } = await api.request(path);
      return (
        await api.request<WithSecret>(`${path}/rotate-secret`, {
          method: 'POST',
          ifMatch: etag,
          idempotencyKey: crypto.randomUUID(),
        })
      ).data;
    },
    onSuccess: async (result) => {
      revealed.value = result;
      await client.invalidateQueries({ queryKey: eventTriggerKeys.all });
    },
  });
  return { revealed, fields, rotate };
}
