import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';
import type { z } from 'zod';
import type { ArtifactDetail } from '../../../../shared/contracts/run-resources';
import { artifactKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';

export type ArtifactDetailView = z.infer<typeof ArtifactDetail>;

/**
 * One artifact with its signed URLs (file and page-1 thumbnail, valid 7 days). Cached for minutes: every
 * card and drawer showing the same artifact shares one request.
 */
export function useArtifactDetail(
  artifactId: Ref<string | null>,
  enabled: Ref<boolean> = computed(() => true),
) {
  const api = useApiClient();
  return useQuery({
    queryKey: computed(() => artifactKeys.detail(artifactId.value ?? '')),
    queryFn: ({ signal }) =>
      api.get<ArtifactDetailView>(`artifacts/${encodeURIComponent(artifactId.value ?? '')}`, {}, signal),
    enabled: computed(() => artifactId.value !== null && enabled.value),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** `POST /artifacts/{id}/renew-url`: a fresh 7-day link; the cached detail is replaced with it. */
export function useRenewArtifactUrl() {
  const api = useApiClient();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api
        .request<ArtifactDetailView>(`artifacts/${encodeURIComponent(id)}/renew-url`, {
          method: 'POST',
          idempotencyKey: crypto.randomUUID(),
        })
        .then((r) => r.data),
    onSuccess: (detail) => client.setQueryData(artifactKeys.detail(detail.id), detail),
  });
}
