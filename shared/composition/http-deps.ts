import type { AppConfig } from '../config/app-config';
import type { Tier } from '../contracts/common';
import type { TokenVerifier } from '../ports/token-verifier';
import type { TenantRateLimiter } from '../adapters/rate-limit/tenant-rate-limiter';
import type { Logger } from '../ports/logger';
import type { TenantProfiles } from '../app/tenants/tenant-profiles';
import type { Metrics } from '../adapters/observability/create-metrics';

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
  /** Tenant records, cached (~60 s): the pipeline refuses a suspended tenant's requests. */
  readonly tenantProfiles: TenantProfiles;
  readonly readinessProbes: ReadonlyMap<string, ReadinessProbe>;
}
