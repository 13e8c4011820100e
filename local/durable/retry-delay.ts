import { z } from 'zod';

/**
 * Retry policy of a *WithRetry action, from the `RetryOptions` durable-functions serialises.
 * Defaults are the Durable extension's: backoff 1, max interval 6 days, no retry timeout.
 */
export interface RetryPolicy {
  firstRetryIntervalMs: number;
  maxNumberOfAttempts: number;
  backoffCoefficient: number;
  maxRetryIntervalMs: number;
  retryTimeoutMs: number;
}

const sixDaysMs = 6 * 24 * 60 * 60 * 1000;

const retryOptionsWire = z.object({
  firstRetryIntervalInMilliseconds: z.number().positive(),
  maxNumberOfAttempts: z.number(),
  backoffCoefficient: z.number().optional(),
  maxRetryIntervalInMilliseconds: z.number().optional(),
  retryTimeoutInMilliseconds: z.number().optional(),
});

export function retryPolicyFrom(retryOptions: unknown): RetryPolicy {
  const options = retryOptionsWire.parse(retryOptions);
  return {
    firstRetryIntervalMs: options.firstRetryIntervalInMilliseconds,
    maxNumberOfAttempts: options.maxNumberOfAttempts,
    backoffCoefficient: options.backoffCoefficient ?? 1,
    maxRetryIntervalMs: options.maxRetryIntervalInMilliseconds ?? sixDaysMs,
    retryTimeoutMs: options.retryTimeoutInMilliseconds ?? Number.POSITIVE_INFINITY,
  };
}

/**
 * The delay before the next attempt, computed as DurableTask.Core's RetryInterceptor.ComputeNextDelay
 * does: `firstRetryInterval * backoffCoefficient ^ retryCount`, capped at maxRetryInterval; zero
 * once the retry timeout (counted from the first attempt) has passed, meaning "stop retrying".
 * `retryCount` is 0 after the first failure.
 */
export function nextRetryDelayMs(
  policy: RetryPolicy,
  retryCount: number,
  firstAttemptAt: Date,
  now: Date,
): number {
  const expiresAt = firstAttemptAt.getTime() + policy.retryTimeoutMs;
  if (!(now.getTime() < expiresAt)) return 0;
  const delay = policy.firstRetryIntervalMs * Math.pow(policy.backoffCoefficient, retryCount);
  return delay < policy.maxRetryIntervalMs ? delay : policy.maxRetryIntervalMs;
}
