import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { ref } from 'vue';
import { fetchAllPages } from '../../api/fetch-all-pages';
import { useApiClient } from '../../api/use-api-client';

interface Keys {
  all: readonly unknown[];
  lists: () => readonly unknown[];
  list: (filters?: Record<string, unknown>) => readonly unknown[];
}

/**
 * List, create, replace and delete one tenant resource (`/v1/<path>`). Edits send the ETag read with the
 * item as `If-Match`, so saving over someone else's change fails with 412 instead of losing it.
 */
export function useCrudResource<T extends { id: string }, Created = T>(path: string, keys: Keys) {
  const api = useApiClient();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: keys.list({ all: true }),
    queryFn: ({ signal }) => fetchAllPages<T>(api, path, {}, { maxPages: 5, signal }),
  });
  const invalidate = () => client.invalidateQueries({ queryKey: keys.all });
  const item = (id: string) => `${path}/${encodeURIComponent(id)}`;

  /** The item being edited and its version. */
  const editing = ref<{ id: string; etag: string | null } | null>(null);

  async function load(id: string): Promise<T> {
    const response = await api.request<T>(item(id));
    editing.value = { id, etag: response.etag };
    return response.data;
  }

  const save = useMutation({
    mutationFn: async (body: unknown): Promise<Created> => {
      const target = editing.value;
      const response = target
        ? await api.request<Created>(item(target.id), {
            method: 'PUT',
            body,
            ifMatch: target.etag,
            idempotencyKey: crypto.randomUUID(),
          })
        : await api.request<Created>(path, { method: 'POST', body, idempotencyKey: crypto.randomUUID() });
      return response.data;
    },
    onSuccess: invalidate,
  });

  const remove = useMutation({
    mutationFn: async (id: string) => {
      const { etag } = await api.request<T>(item(id));
      await api.request(item(id), { method: 'DELETE', ifMatch: etag, idempotencyKey: crypto.randomUUID() });
    },
    onSettled: invalidate,
  });

  return { list, load, editing, save, remove, invalidate };
}
