import { AppError } from '../../shared/domain/errors';
import type { Principal } from '../../shared/app/auth/principal';
import type { HttpDeps } from '../../shared/composition/http-deps';

/**
 * Counts the request against the caller's tenant, in the bucket of the tier its record holds (read through
 * the per-process tenant cache; a token's `tier` claim plays no part). Sets the X-RateLimit-* headers on `headers` (they go
 * out on every authenticated response, errors included); over the limit → 429 RATE_LIMITED + Retry-After.
 */
export async function applyRateLimit(
  deps: Pick<HttpDeps, 'rateLimiter' | 'tenantTier'>,
  principal: Principal,
  headers: Record<string, string>,
): Promise<void> {
  const tier = await deps.tenantTier(principal.tenantId);
  const decision = await deps.rateLimiter.consume(principal.tenantId, tier);
  headers['X-RateLimit-Limit'] = String(decision.limit);
  headers['X-RateLimit-Remaining'] = String(decision.remaining);
  headers['X-RateLimit-Reset'] = String(decision.resetAtEpochSeconds);
  if (decision.allowed) return;
  headers['Retry-After'] = String(decision.retryAfterSeconds);
  throw new AppError(
    'RATE_LIMITED',
    `Too many requests for this tenant; retry in ${decision.retryAfterSeconds} s`,
    {
      limit: decision.limit,
      tier,
      retryAfterSeconds: decision.retryAfterSeconds,
    },
  );
}
