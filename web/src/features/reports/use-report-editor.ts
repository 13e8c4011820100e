/** The report editor: validated with the API's ReportRequest, loaded with its ETag, saved with If-Match. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { useForm } from 'vee-validate';
import { computed, watch, type Ref } from 'vue';
import { z } from 'zod';
import type { ReportDefinition } from '../../../../shared/contracts/report';
import { ReportRequest } from '../../../../shared/contracts/report-resources';
import { reportKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';
import { toTypedSchema } from '../../forms/to-typed-schema';
import { useSaveErrors } from '../../forms/use-save-errors';
import { emptyReportForm, fromReportDefinition, toReportRequest, type ReportForm } from './report-form';

export const reportFormSchema = toTypedSchema(
  z
    .custom<ReportForm>()
    .transform((form) => toReportRequest(form))
    .pipe(ReportRequest),
);

export function useReportEditor(id: Ref<string | undefined>) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const form = useForm<ReportForm>({
    validationSchema: reportFormSchema as never,
    initialValues: emptyReportForm(),
  });
  const saveErrors = useSaveErrors((errors) => form.setErrors(errors));

  const existing = useQuery({
    queryKey: computed(() => reportKeys.detail(id.value ?? '')),
    queryFn: ({ signal }) => api.request<ReportDefinition>(`reports/${id.value}`, { signal }),
    enabled: computed(() => Boolean(id.value)),
    staleTime: Infinity,
  });
  watch(
    () => existing.data.value,
    (loaded) => {
      if (loaded) form.resetForm({ values: fromReportDefinition(loaded.data) });
    },
    { immediate: true },
  );

  const save = useMutation({
    mutationFn: (values: ReportForm) => {
      const body = toReportRequest(values);
      return id.value
        ? api.request<ReportDefinition>(`reports/${id.value}`, {
            method: 'PUT',
            body,
            ifMatch: existing.data.value?.etag,
          })
        : api.request<ReportDefinition>('reports', {
            method: 'POST',
            body,
            idempotencyKey: crypto.randomUUID(),
          });
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(reportKeys.detail(saved.data.id), saved);
      await queryClient.invalidateQueries({ queryKey: reportKeys.lists() });
    },
  });

  const submit = (onSaved: (report: ReportDefinition) => void) =>
    form.handleSubmit(async () => {
      saveErrors.clear();
      try {
        onSaved((await save.mutateAsync(form.values)).data);
      } catch (cause) {
        saveErrors.show(cause);
      }
    });

  async function reload(): Promise<void> {
    saveErrors.clear();
    await existing.refetch();
    if (existing.data.value) form.resetForm({ values: fromReportDefinition(existing.data.value.data) });
  }

  return { form, values: computed(() => form.values), existing, save, submit, reload, saveErrors };
}
