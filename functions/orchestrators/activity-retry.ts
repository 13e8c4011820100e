import * as df from 'durable-functions';

/** Transient failures: capped exponential backoff, 5 attempts (2 s, 4 s, 8 s, 16 s). Permanent ones come back as values. */
export function activityRetry(): df.RetryOptions {
  const retry = new df.RetryOptions(2_000, 5);
  retry.backoffCoefficient = 2;
  retry.maxRetryIntervalInMilliseconds = 30_000;
  return retry;
}
