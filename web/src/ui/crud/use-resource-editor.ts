/**
 * A resource's editor page: the form validated with the API's own contract, the resource loaded with its
 * ETag, saved with `If-Match` (a 412 when someone else changed it since) or created with an
 * Idempotency-Key, and `reload` to take the current version after a conflict.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { useForm } from 'vee-validate';
import { computed, watch, type Ref } from 'vue';
import { useApiClient } from '../../api/use-api-client';
import { useSaveErrors } from '../../forms/use-save-errors';

export interface ResourceEditorOptions<Form extends object, Resource extends { id: string }> {
  /** The collection's path under `/v1` (`reports`). */
  path: string;
  keys: { lists: () => readonly unknown[]; detail: (id: string) => readonly unknown[] };
  /** The resource edited; undefined while creating one. */
  id: Ref<string | undefined>;
  /** The API contract applied to the body the form becomes (`toTypedSchema(...)`). */
  validationSchema: unknown;
  initialValues: Form;
  fromResource: (resource: Resource) => Form;
  toBody: (form: Form) => unknown;
}

export function useResourceEditor<Form extends object, Resource extends { id: string }>(
  options: ResourceEditorOptions<Form, Resource>,
) {
  const { path, keys, id } = options;
  const api = useApiClient();
  const queryClient = useQueryClient();
  const form = useForm<Form>({
    validationSchema: options.validationSchema as never,
    initialValues: options.initialValues as never,
  });
  const saveErrors = useSaveErrors((errors) => form.setErrors(errors as never));

  const existing = useQuery({
    queryKey: computed(() => keys.detail(id.value ?? '')),
    queryFn: ({ signal }) => api.request<Resource>(`${path}/${id.value}`, { signal }),
    enabled: computed(() => Boolean(id.value)),
    staleTime: Infinity,
  });
  const show = (resource: Resource) => form.resetForm({ values: options.fromResource(resource) as never });
  watch(
    () => existing.data.value,
    (loaded) => {
      if (loaded) show(loaded.data);
    },
    { immediate: true },
  );

  const save = useMutation({
    mutationFn: (values: Form) => {
      const body = options.toBody(values);
      return id.value
        ? api.request<Resource>(`${path}/${id.value}`, {
            method: 'PUT',
            body,
            ifMatch: existing.data.value?.etag,
          })
        : api.request<Resource>(path, { method: 'POST', body, idempotencyKey: crypto.randomUUID() });
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(keys.detail(saved.data.id), saved);
      await queryClient.invalidateQueries({ queryKey: keys.lists() });
    },
  });

  const submit = (onSaved: (resource: Resource) => void) =>
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
    if (existing.data.value) show(existing.data.value.data);
  }

  const values = computed(() => form.values);
  return { form, values, existing, save, submit, reload, saveErrors };
}
