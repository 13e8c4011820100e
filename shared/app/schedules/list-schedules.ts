import type { Page } from '../../contracts/common';
import type { ScheduleResource } from '../../contracts/schedule-resource';
import type { Repositories } from '../../ports/repositories';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { toScheduleResource } from './to-schedule-resource';

/** The tenant's schedules in id order (creation order), or one report's; `cursor` is the storage position. */
export async function listSchedules(
  repos: Repositories,
  actor: Principal,
  query: { reportId?: string; limit: number; cursor: string | null },
): Promise<Page<ScheduleResource>> {
  authorize(actor, 'read');
  const { reportId, limit, cursor } = query;
  const page = await repos.schedules.list(
    actor.tenantId,
    reportId ? { index: 'byReport', prefix: `${reportId}|`, limit, cursor } : { limit, cursor },
  );
  return { items: page.items.map(toScheduleResource), nextCursor: page.nextCursor };
}
