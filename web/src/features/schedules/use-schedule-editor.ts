/**
 * The builder's form: values validated with the API's own ScheduleInput contract (through the form → body
 * mapping, so errors carry the wire paths), loaded with the schedule's ETag and saved with `If-Match`.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { useForm } from 'vee-validate';
import { computed, watch, type Ref } from 'vue';
import { z } from 'zod';
import { ScheduleInput, type ScheduleResource } from '../../../../shared/contracts/schedule-resource';
import { scheduleKeys } from '../../api/query-keys';
import { useApiClient } from '../../api/use-api-client';
import { toTypedSchema } from '../../forms/to-typed-schema';
import { useSaveErrors } from '../../forms/use-save-errors';
import { emptyScheduleForm, fromScheduleResource, toScheduleInput, type ScheduleForm } from './schedule-form';
import { defaultScheduleTimeZone } from './time-zones';

/** The contract applied to the body a form becomes: issue paths are the wire's (`emailDelivery.recipients.1`). */
export const scheduleFormSchema = toTypedSchema(
  z
    .custom<ScheduleForm>()
    .transform((form) => toScheduleInput(form))
    .pipe(ScheduleInput),
);

export function useScheduleEditor(id: Ref<string | undefined>, reportId: Ref<string | undefined>) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const form = useForm<ScheduleForm>({
    validationSchema: scheduleFormSchema as never,
    initialValues: emptyScheduleForm(defaultScheduleTimeZone(), reportId.value ?? ''),
  });
  const saveErrors = useSaveErrors((errors) => form.setErrors(errors));

  const existing = useQuery({
    queryKey: computed(() => scheduleKeys.detail(id.value ?? '')),
    queryFn: ({ signal }) => api.request<ScheduleResource>(`schedules/${id.value}`, { signal }),
    enabled: computed(() => Boolean(id.value)),
    staleTime: Infinity,
  });
  watch(
    () => existing.data.value,
    (loaded) => {
      if (loaded) form.resetForm({ values: fromScheduleResource(loaded.data) });
    },
    { immediate: true },
  );

  const save = useMutation({
    mutationFn: (values: ScheduleForm) => {
      const body = toScheduleInput(values);
      return id.value
        ? api.request<ScheduleResource>(`schedules/${id.value}`, {
            method: 'PUT',
            body,
            ifMatch: existing.data.value?.etag,
          })
        : api.request<ScheduleResource>('schedules', {
            method: 'POST',
            body,
            idempotencyKey: crypto.randomUUID(),
          });
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(scheduleKeys.detail(saved.data.id), saved);
      await queryClient.invalidateQueries({ queryKey: scheduleKeys.lists() });
    },
  });

  const submit = (onSaved: (schedule: ScheduleResource) => void) =>
    form.handleSubmit(async () => {
      saveErrors.clear();
      try {
        onSaved((await save.mutateAsync(form.values)).data);
      } catch (cause) {
        saveErrors.show(cause);
      }
    });

  /** After a 412: read the current version (the form shows it) and drop the edits. */
  async function reload(): Promise<void> {
    saveErrors.clear();
    await existing.refetch();
    if (existing.data.value) form.resetForm({ values: fromScheduleResource(existing.data.value.data) });
  }

  const values = computed(() => form.values);
  return { form, values, existing, save, submit, reload, saveErrors };
}
