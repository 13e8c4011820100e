import { keepPreviousData, useInfiniteQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';
import type { Page } from '../../../../shared/contracts/common';
import type { ArtifactResource } from '../../../../shared/contracts/run-resources';
import { artifactKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';
import { viewerTimeZone } from '../../ui/zoned-day';
import { galleryFiltersToApi, type GalleryFilters } from './gallery-filters';

export const GALLERY_PAGE_SIZE = 24;

/** The gallery's pages, filtered by the server (report, format, run status, date range). */
export function useGallery(filters: Ref<GalleryFilters>) {
  const api = useApiClient();
  const zone = viewerTimeZone();
  const apiFilters = computed(() => galleryFiltersToApi(filters.value, zone));
  const query = useInfiniteQuery({
    queryKey: computed(() => artifactKeys.list(apiFilters.value)),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<ArtifactResource>>(
        'artifacts',
        { ...apiFilters.value, limit: GALLERY_PAGE_SIZE, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const artifacts = computed(() => (query.data.value?.pages ?? []).flatMap((p) => p.items));
  return { query, artifacts };
}
