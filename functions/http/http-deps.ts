import type { AppConfig } from '../../shared/config/app-config';
import type { Tier } from '../../shared/contracts/common';
import type { TokenVerifier } from '../../shared/ports/token-verifier';
import type { TenantRateLimiter } from '../../shared/adapters/rate-limit/tenant-rate-limiter';
import type { Logger } from '../../shared/ports/logger';
import type { Metrics } from '../../shared/adapters/observability/create-metrics';

/** A readiness check: resolves when the dependency answers, rejects (or times out) otherwise. */
export type ReadinessProbe = (signal: AbortSignal) => Promise<void>;

/** What the HTTP pipeline itself needs from the composition root. */
export interface HttpDeps {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly tokenVerifier: TokenVerifier;
  readonly rateLimiter: TenantRateLimiter;
  readonly metrics: Metrics;
  readonly clock: () => Date;
  /** The tier of a tenant whose token carries no `tier` claim. */
  readonly tenantTier: (tenantId: string) => Promise<Tier>;
  readonly readinessProbes: ReadonlyMap<string, ReadinessProbe>;
}
