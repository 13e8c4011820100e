import type { Tier } from '../../contracts/common';

/** The outcome of counting one request against a tenant's window. */
export interface RateLimitDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** When the current window ends, in epoch seconds (`X-RateLimit-Reset`). */
  readonly resetAtEpochSeconds: number;
  /** Seconds to wait before retrying (`Retry-After`); 0 when allowed. */
  readonly retryAfterSeconds: number;
}

/** Counts requests per tenant per window; tenant first, like every port. */
export interface TenantRateLimiter {
  consume(tenantId: string, tier: Tier): Promise<RateLimitDecision>;
}
