import type { Tier } from '../../contracts/common';

/** Requests per tenant per minute, by tier. */
export const requestsPerMinuteByTier: Readonly<Record<Tier, number>> = Object.freeze({
  standard: 100,
  premium: 500,
  enterprise: 2000,
});
