import { AppError } from '../../domain/errors';
import type { Tier } from '../../contracts/common';

/** 403 QUOTA_EXCEEDED with `details: { limit, current, resource }`. */
export function quotaExceeded(
  resource: 'schedules' | 'executions',
  limit: number,
  current: number,
  tier: Tier,
) {
  const what = resource === 'schedules' ? 'schedules' : 'executions today (UTC)';
  return new AppError(
    'QUOTA_EXCEEDED',
    `The ${tier} tier allows ${limit} ${what}; this tenant has ${current}`,
    { limit, current, resource, tier },
  );
}
