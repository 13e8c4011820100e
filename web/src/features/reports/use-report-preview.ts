/**
 * The report editor's live preview: the unsaved definition goes to `POST /reports/preview` once the form has
 * been still for 600 ms. Vue Query keys the request by its body, so a newer edit supersedes the older
 * request, whose AbortSignal is aborted; the last good preview stays on screen while the next one loads.
 */
import { keepPreviousData, useQuery } from '@tanstack/vue-query';
import { computed, ref, type Ref } from 'vue';
import type { OutputFormat } from '../../../../shared/contracts/report';
import type { ReportPreview } from '../../../../shared/contracts/report-preview';
import type { ScheduleResource } from '../../../../shared/contracts/schedule-resource';
import { reportKeys, scheduleKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';
import { useDebounced } from '../../ui/use-debounced';
import { previewProblems, previewRequestOf } from './preview-request';
import type { ReportForm } from './report-form';

export const PREVIEW_DEBOUNCE_MS = 600;

export function useReportPreview(
  form: Ref<ReportForm>,
  reportId: Ref<string | undefined>,
  enabled: Ref<boolean>,
) {
  const api = useApiClient();
  const chosenFormat = ref<OutputFormat | null>(null);
  const scheduleId = ref<string | null>(null);
  const formats = computed(() => form.value.outputs.map((o) => o.format));
  const format = computed<OutputFormat>(() =>
    chosenFormat.value && formats.value.includes(chosenFormat.value)
      ? chosenFormat.value
      : (formats.value[0] ?? 'csv'),
  );
  const body = computed(() => previewRequestOf(form.value, format.value, scheduleId.value));
  const settled = useDebounced(() => body.value, PREVIEW_DEBOUNCE_MS, body.value);

  const preview = useQuery({
    queryKey: computed(() => [...reportKeys.all, 'preview', settled.value] as const),
    queryFn: async ({ signal }) =>
      (await api.request<ReportPreview>('reports/preview', { method: 'POST', body: settled.value, signal }))
        .data,
    enabled: computed(() => enabled.value && formats.value.length > 0),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });

  /** The report's schedules, to preview the emails their recipients would get. */
  const schedules = useQuery({
    queryKey: computed(() => scheduleKeys.list({ reportId: reportId.value })),
    queryFn: ({ signal }) =>
      api.get<{ items: ScheduleResource[] }>('schedules', { reportId: reportId.value!, limit: 100 }, signal),
    enabled: computed(() => enabled.value && Boolean(reportId.value)),
  });

  const problems = computed(() => previewProblems(preview.error.value, form.value));
  /** True while the shown preview is older than the form (typing, or a request on its way). */
  const stale = computed(
    () => JSON.stringify(settled.value) !== JSON.stringify(body.value) || preview.isFetching.value,
  );

  return {
    preview: computed(() => (preview.error.value ? undefined : preview.data.value)),
    error: preview.error,
    problems,
    stale,
    formats,
    format,
    chooseFormat: (f: OutputFormat) => (chosenFormat.value = f),
    scheduleId,
    schedules: computed(() => schedules.data.value?.items ?? []),
  };
}
