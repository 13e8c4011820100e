import { describe, expect, it } from 'vitest';
import { createTableRepositories } from '../../adapters/table/table-repositories';
import { createTableService } from '../../adapters/table/table-service';
import { AppError } from '../../domain/errors';
import { legacyStoredSchedule } from '../../../test/support/schedule-records';
import { testConnectionString, uniqueName } from '../../../test/support/storage';
import { assertScheduleQuota } from './assert-schedule-quota';

const repos = createTableRepositories(
  createTableService({ connectionString: testConnectionString() }, { prefix: uniqueName('sq') }),
);

async function addSchedules(tenantId: string, count: number, from = 0) {
  await Promise.all(
    Array.from({ length: count }, (_, n) => n + from).map((i) =>
      repos.schedules.insert(
        tenantId,
        legacyStoredSchedule({ id: `s${i}`, tenantId, reportId: 'r1' }) as never,
      ),
    ),
  );
}

const refusal = (p: Promise<void>) =>
  p.then(
    () => undefined,
    (err: AppError) => err,
  );

describe('assertScheduleQuota (standard 50, premium 500, enterprise unlimited)', () => {
  it('lets a standard tenant create its 50th schedule and refuses the 51st with the counts', async () => {
    const tenant = uniqueName('t');
    await addSchedules(tenant, 49);
    expect(await refusal(assertScheduleQuota({ repos }, tenant, 'standard'))).toBeUndefined();
    await addSchedules(tenant, 1, 49);
    const err = await refusal(assertScheduleQuota({ repos }, tenant, 'standard'));
    expect(err).toBeInstanceOf(AppError);
    expect(err!.code).toBe('QUOTA_EXCEEDED');
    expect(err!.status).toBe(403);
    expect(err!.details).toMatchObject({ limit: 50, current: 50, resource: 'schedules' });
    expect(await refusal(assertScheduleQuota({ repos }, tenant, 'premium'))).toBeUndefined();
    expect(await refusal(assertScheduleQuota({ repos }, tenant, 'enterprise'))).toBeUndefined();
  });

  it('counts beyond one page (a tenant moved to a smaller tier sees its true count)', async () => {
    const tenant = uniqueName('t');
    await addSchedules(tenant, 120);
    const limits = {
      schedules: { standard: 100, premium: 500, enterprise: null },
      executionsPerDay: { standard: 1, premium: 1, enterprise: null },
    };
    const err = await refusal(assertScheduleQuota({ repos, limits }, tenant, 'standard'));
    expect(err!.details).toMatchObject({ limit: 100, current: 120 });
  });
});
