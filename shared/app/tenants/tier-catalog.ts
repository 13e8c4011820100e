import type { Tier } from '../../contracts/common';

export interface TierLimits {
  /** Schedules a tenant may have; null = unlimited. */
  readonly schedules: number | null;
  /** Executions per UTC day; null = unlimited. */
  readonly executionsPerDay: number | null;
  /** The longest artifact retention a tenant may choose. */
  readonly maxRetentionDays: number;
  /** Runs of the tenant executing at once; more wait in the queue. */
  readonly maxConcurrentExecutions: number;
  /** The largest email attachment a tenant may allow. */
  readonly maxAttachmentBytes: number;
  /** Which API rate-limit bucket the tenant's requests count in. */
  readonly rateLimitTier: Tier;
}

const MB = 1024 * 1024;

/** What each tier sells. Enterprise is the "custom" tier: the operator may override any of it per tenant. */
export const tierCatalog: Readonly<Record<Tier, TierLimits>> = {
  standard: {
    schedules: 50,
    executionsPerDay: 1_000,
    maxRetentionDays: 30,
    maxConcurrentExecutions: 5,
    maxAttachmentBytes: 10 * MB,
    rateLimitTier: 'standard',
  },
  premium: {
    schedules: 500,
    executionsPerDay: 10_000,
    maxRetentionDays: 90,
    maxConcurrentExecutions: 20,
    maxAttachmentBytes: 25 * MB,
    rateLimitTier: 'premium',
  },
  enterprise: {
    schedules: null,
    executionsPerDay: null,
    maxRetentionDays: 365,
    maxConcurrentExecutions: 50,
    maxAttachmentBytes: 25 * MB,
    rateLimitTier: 'enterprise',
  },
};

/** The tier a new tenant starts on. */
export const DEFAULT_TIER: Tier = 'standard';
