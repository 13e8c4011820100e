import { reactive, ref, type Ref } from 'vue';
import type { z } from 'zod';
import { ApiError, fieldErrorsOf, formatFieldPath } from '../../api/api-error';

/**
 * A form validated by the API's own zod contract: `toRequest` turns the editable model into the request
 * body, the contract checks it, and each message lands on its field (`config.url`) — the same keys the
 * server's `details.issues` use, so a server-side refusal lands on the same field.
 */
export function useZodForm<M extends object, S extends z.ZodType>(
  schema: S,
  initial: () => M,
  toRequest: (model: M) => unknown,
) {
  const model = reactive(initial()) as M;
  const errors: Ref<Record<string, string>> = ref({});

  function reset(values: M = initial()): void {
    Object.assign(model, values);
    errors.value = {};
  }

  /** The parsed request, or null with `errors` filled. */
  function validate(): z.output<S> | null {
    const result = schema.safeParse(toRequest(model));
    if (result.success) {
      errors.value = {};
      return result.data;
    }
    const next: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const keys =
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((k) => formatFieldPath([...issue.path, k]))
          : [formatFieldPath(issue.path)];
      for (const key of keys) next[key] ??= issue.message;
    }
    errors.value = next;
    return null;
  }

  /** Places a server validation error on its fields; true when at least one field got a message. */
  function applyServerError(error: unknown): boolean {
    if (!(error instanceof ApiError)) return false;
    const fields = fieldErrorsOf(error.details, error.message);
    errors.value = fields;
    return Object.keys(fields).length > 0;
  }

  const errorOf = (field: string): string | undefined => errors.value[field];
  return { model, errors, reset, validate, applyServerError, errorOf };
}
