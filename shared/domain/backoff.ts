/** A capped exponential backoff: `baseMs` before the second attempt, doubling, never over `capMs`. */
export interface Backoff {
  baseMs: number;
  capMs: number;
  /** The shortest wait allowed, whatever the policy or the receiver says (0 unless a caller needs one). */
  floorMs?: number;
}

/**
 * The wait after attempt `attempt` (1-based) before the next one, never sooner than a receiver's
 * Retry-After (`retryAfterMs`) when it asks for longer.
 */
export function backoffDelayMs(backoff: Backoff, attempt: number, retryAfterMs = 0): number {
  const exponential = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(backoff.floorMs ?? 0, exponential, retryAfterMs);
}
