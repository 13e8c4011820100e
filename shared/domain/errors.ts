/**
 * Every error the product reports has a stable code. The HTTP status and whether a retry can help are
 * decided here, once; entry points and retry policies read them from the catalog.
 */
export const errorCatalog = {
  VALIDATION_ERROR: { status: 400, retryable: false },
  MALFORMED_JSON: { status: 400, retryable: false },
  UNAUTHENTICATED: { status: 401, retryable: false },
  FORBIDDEN: { status: 403, retryable: false },
  QUOTA_EXCEEDED: { status: 403, retryable: false },
  /** The platform operator suspended the tenant: its API refuses everything and its schedules are skipped. */
  TENANT_SUSPENDED: { status: 403, retryable: false },
  LINK_INVALID: { status: 403, retryable: false },
  NOT_FOUND: { status: 404, retryable: false },
  METHOD_NOT_ALLOWED: { status: 405, retryable: false },
  CONFLICT: { status: 409, retryable: false },
  /** The tenant already has an export running: one at a time (POST /v1/tenant/export). */
  EXPORT_IN_PROGRESS: { status: 409, retryable: false },
  PRECONDITION_FAILED: { status: 412, retryable: false },
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, retryable: false },
  IDEMPOTENCY_KEY_REUSED: { status: 422, retryable: false },
  RATE_LIMITED: { status: 429, retryable: true },
  QUERY_FAILED: { status: 422, retryable: false },
  /** The tenant's query ran past its time limit: running the same query again would too (user error). */
  QUERY_TIMEOUT: { status: 504, retryable: false },
  DATA_SOURCE_UNAVAILABLE: { status: 503, retryable: true },
  /** An outbound call refused by the SSRF guard (scheme, credentials in the URL, internal address). */
  OUTBOUND_BLOCKED: { status: 400, retryable: false },
  /** An outbound call that failed on the way (network, timeout, size cap, too many redirects). */
  OUTBOUND_FAILED: { status: 502, retryable: true },
  /** A `secret:NAME` reference whose secret the tenant has not set (PUT /api/v1/secrets/{name}). */
  SECRET_NOT_FOUND: { status: 422, retryable: false },
  TRANSFORM_FAILED: { status: 422, retryable: false },
  /** A schedule's condition that cannot be evaluated on the extracted data (a missing column, text summed). */
  CONDITION_FAILED: { status: 422, retryable: false },
  /** A schedule's burst that cannot work with its report or delivery targets (checked at save). */
  BURST_INVALID: { status: 422, retryable: false },
  /** A bursting schedule's column is not in the report's result (known only when the query ran). */
  BURST_COLUMN_MISSING: { status: 422, retryable: false },
  /** A bursting run split into more slices than BURST_MAX_SLICES. */
  BURST_TOO_MANY_SLICES: { status: 422, retryable: false },
  TEMPLATE_ERROR: { status: 422, retryable: false },
  TEMPLATE_LIMIT: { status: 422, retryable: false },
  RENDER_FAILED: { status: 500, retryable: true },
  /**
   * The tenant's document did not print within the render budget while the browser stayed healthy (user
   * error); also a render job that did not report back within RENDER_JOB_TIMEOUT_SECONDS (recorded as is).
   */
  RENDER_TIMEOUT: { status: 504, retryable: false },
  STORAGE_UNAVAILABLE: { status: 503, retryable: true },
  SERVICE_UNAVAILABLE: { status: 503, retryable: true },
  INTERNAL: { status: 500, retryable: true },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

export type ErrorCode = keyof typeof errorCatalog;
export type ErrorDetails = Record<string, unknown>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  /** A permanent failure (bad input, bad template, missing parameter) must never be retried. */
  readonly retryable: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    details: ErrorDetails = {},
    options?: { cause?: unknown; retryable?: boolean },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.retryable = options?.retryable ?? errorCatalog[code].retryable;
  }

  get status(): number {
    return errorCatalog[this.code].status;
  }
}

export const notFound = (entity: string, id: string) =>
  new AppError('NOT_FOUND', `${entity} ${id} was not found`, { entity, id });

export const forbidden = (message: string, details: ErrorDetails = {}) =>
  new AppError('FORBIDDEN', message, details);

export const conflict = (message: string, details: ErrorDetails = {}) =>
  new AppError('CONFLICT', message, details);

export const preconditionFailed = (entity: string, id: string) =>
  new AppError(
    'PRECONDITION_FAILED',
    `${entity} ${id} was changed by someone else; reload it and try again`,
    {
      entity,
      id,
    },
  );

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Whatever was thrown, as an AppError: unknown errors become INTERNAL without leaking their text. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError('INTERNAL', 'An unexpected error occurred', {}, { cause: err });
}
