/**
 * What a failed save means to a form: field errors from the envelope's `details` placed on their fields, a 412
 * turned into "someone else changed this", anything else shown with its requestId.
 */
import { ref } from 'vue';
import { ApiError } from '../api/api-error';

export function useSaveErrors(setErrors: (errors: Record<string, string>) => void) {
  const error = ref<unknown>(null);
  const conflict = ref(false);

  function clear(): void {
    error.value = null;
    conflict.value = false;
  }

  /** Shows a failed save; field errors go to their fields, the alert keeps the message and requestId. */
  function show(cause: unknown): void {
    if (cause instanceof ApiError && cause.status === 412) {
      conflict.value = true;
      return;
    }
    if (cause instanceof ApiError) setErrors(cause.fieldErrors());
    error.value = cause;
  }

  return { error, conflict, clear, show };
}
