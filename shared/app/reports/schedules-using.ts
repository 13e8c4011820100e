import type { Repositories } from '../../ports/repositories';

const SHOWN = 50;

/**
 * The ids of a tenant's schedules that reference `id` through a list field (`holidayCalendarIds`,
 * `deliveryTargetIds`). There is no index by these, so this reads the tenant's schedules in pages —
 * bounded by the schedule quota, and only on delete.
 */
export async function schedulesUsing(
  repos: Pick<Repositories, 'schedules'>,
  tenantId: string,
  field: 'holidayCalendarIds' | 'deliveryTargetIds',
  id: string,
): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await repos.schedules.list(tenantId, { limit: 100, cursor });
    for (const schedule of page.items) {
      const ids = (schedule as unknown as Record<string, unknown>)[field];
      if (Array.isArray(ids) && ids.includes(id)) found.push(schedule.id);
    }
    cursor = page.nextCursor;
  } while (cursor && found.length < SHOWN);
  return found;
}
