/**
 * The one error type the web app shows for a failed API call: the server's error envelope, or a stand-in built
 * from the status when the body is not an envelope (a proxy's HTML 502, a network failure).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown>,
    readonly requestId: string | null,
  ) {
    super(message);
  }

  /** Field messages keyed by field path (`emailDelivery.recipients[1]`), to place on form fields. */
  fieldErrors(): Record<string, string> {
    return fieldErrorsOf(this.details, this.message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const fallbackMessages: Record<number, string> = {
  0: 'The server could not be reached. Check your connection and try again.',
  401: 'Your session has expired. Sign in again.',
  403: 'You do not have permission to do this.',
  404: 'This item does not exist, or was deleted.',
  412: 'Someone else changed this item after you opened it.',
  429: 'Too many requests. Wait a moment and try again.',
};

/** Builds the ApiError of a non-2xx response from its status, body and `X-Request-Id` header. */
export function toApiError(status: number, body: unknown, headerRequestId: string | null): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    const details = isRecord(error.details) ? error.details : {};
    const requestId = typeof error.requestId === 'string' ? error.requestId : headerRequestId;
    return new ApiError(status, error.code, error.message, details, requestId);
  }
  const message =
    fallbackMessages[status] ?? `The server answered with an unexpected error (HTTP ${status}).`;
  return new ApiError(status, status === 0 ? 'NETWORK_ERROR' : 'HTTP_ERROR', message, {}, headerRequestId);
}

/** `['emailDelivery', 'recipients', 1]` → `emailDelivery.recipients[1]`, the path form the API and forms share. */
export function formatFieldPath(path: readonly unknown[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/**
 * The field errors of an error envelope, keyed by field path (`emailDelivery.recipients[1]`). The API sends
 * `details.issues: [{ field, code, message }]` for validation errors, and `details.field` with the envelope's
 * message for a domain error about one field.
 */
export function fieldErrorsOf(details: Record<string, unknown>, message = ''): Record<string, string> {
  const out: Record<string, string> = {};
  const issues = details.issues;
  if (Array.isArray(issues)) {
    for (const issue of issues) {
      if (!isRecord(issue) || typeof issue.message !== 'string') continue;
      const field =
        typeof issue.field === 'string'
          ? issue.field
          : Array.isArray(issue.path)
            ? formatFieldPath(issue.path)
            : '';
      if (!(field in out)) out[field] = issue.message;
    }
  }
  if (typeof details.field === 'string' && details.field !== '' && !(details.field in out) && message !== '')
    out[details.field] = message;
  return out;
}
