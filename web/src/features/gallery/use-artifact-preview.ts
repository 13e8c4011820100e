import { useQuery } from '@tanstack/vue-query';
import { computed, onScopeDispose, ref, watch, type Ref } from 'vue';
import type { ArtifactResource } from '../../../../shared/contracts/run-resources';
import { artifactKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';
import { useBlobFetch } from '../../api/use-blob-fetch';
import { previewKind } from './artifact-display';

export interface RowsPreview {
  columns: string[];
  rows: Record<string, unknown>[];
  truncated: boolean;
}

/**
 * What the drawer shows: the first rows (CSV, JSON) as data; HTML as a `blob:` URL of the server's sanitized
 * copy, for a sandboxed frame; a PDF as a `blob:` URL of its page-1 PNG. Blob URLs are revoked on change.
 */
export function useArtifactPreview(artifact: Ref<ArtifactResource | null>) {
  const api = useApiClient();
  const fetchBlob = useBlobFetch();
  const kind = computed(() => (artifact.value ? previewKind(artifact.value.format) : null));
  const path = computed(() =>
    artifact.value ? `artifacts/${encodeURIComponent(artifact.value.id)}/preview` : '',
  );

  const rows = useQuery({
    queryKey: computed(() => [...artifactKeys.detail(artifact.value?.id ?? ''), 'rows'] as const),
    queryFn: ({ signal }) => api.get<RowsPreview>(path.value, {}, signal),
    enabled: computed(() => kind.value === 'rows'),
    staleTime: 5 * 60_000,
  });
  const needsBlob = computed(
    () => kind.value === 'html' || (kind.value === 'pdf' && artifact.value?.hasThumbnail === true),
  );
  const blob = useQuery({
    queryKey: computed(() => [...artifactKeys.detail(artifact.value?.id ?? ''), 'preview-blob'] as const),
    queryFn: ({ signal }) => fetchBlob(path.value, signal),
    enabled: needsBlob,
    staleTime: 5 * 60_000,
    gcTime: 0,
  });
  const blobUrl = ref<string | null>(null);
  watch(
    () => blob.data.value,
    (data) => {
      if (blobUrl.value) URL.revokeObjectURL(blobUrl.value);
      blobUrl.value = data ? URL.createObjectURL(data) : null;
    },
    { immediate: true },
  );
  onScopeDispose(() => {
    if (blobUrl.value) URL.revokeObjectURL(blobUrl.value);
  });
  const loading = computed(() => rows.isFetching.value || blob.isFetching.value);
  const error = computed(() => rows.error.value ?? blob.error.value);
  return { kind, rows, blobUrl, loading, error };
}
