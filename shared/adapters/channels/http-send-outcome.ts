import { isAppError } from '../../domain/errors';
import { DeliveryFailure } from '../../ports/delivery-channel';

/** A receiver's `Retry-After` is honoured, but never beyond this: one hour keeps a delivery alive. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3), capped at
 * {@link MAX_RETRY_AFTER_MS}; undefined when absent or unreadable (the caller's backoff applies then).
 */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | undefined {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!raw) return undefined;
  let ms: number;
  if (/^\d+$/.test(raw)) ms = Number(raw) * 1000;
  else {
    const at = Date.parse(raw);
    if (Number.isNaN(at)) return undefined;
    ms = at - now.getTime();
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/** 429 and 5xx may clear up by themselves; any other non-2xx answer will not (the request itself is wrong). */
export const isTransientStatus = (status: number) => status === 429 || status === 408 || status >= 500;

/** A non-2xx HTTP answer as a DeliveryFailure, transient or permanent by its status. */
export function failureFromStatus(
  what: string,
  status: number,
  retryAfter: string | string[] | undefined,
  latencyMs: number,
  now: Date,
): DeliveryFailure {
  const transient = isTransientStatus(status);
  const retryAfterMs = transient ? parseRetryAfter(retryAfter, now) : undefined;
  return new DeliveryFailure(`${what} answered HTTP ${status}`, !transient, {
    statusCode: status,
    latencyMs,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/**
 * An error thrown by the outbound HTTP client: a refusal of the SSRF guard (OUTBOUND_BLOCKED) and the
 * client's caps are permanent; timeouts and network trouble are transient, as is anything unexpected.
 */
export function failureFromError(what: string, err: unknown, latencyMs: number): DeliveryFailure {
  if (err instanceof DeliveryFailure) return err;
  if (isAppError(err)) {
    const reason = typeof err.details.reason === 'string' ? err.details.reason : undefined;
    const code = err.code === 'OUTBOUND_BLOCKED' ? 'OUTBOUND_BLOCKED' : (reason ?? err.code);
    return new DeliveryFailure(
      `${what}: ${err.message}`,
      !err.retryable,
      { latencyMs, code },
      { cause: err },
    );
  }
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return new DeliveryFailure(
    `${what}: ${err instanceof Error ? err.message : String(err)}`,
    false,
    { latencyMs, ...(code ? { code } : {}) },
    { cause: err },
  );
}
