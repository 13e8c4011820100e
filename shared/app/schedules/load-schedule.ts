import type { Schedule } from '../../contracts/schedule';
import { notFound } from '../../domain/errors';
import type { Repositories, Versioned } from '../../ports/repositories';
import { authorize, type Action } from '../auth/authorize';
import type { Principal } from '../auth/principal';

/**
 * A schedule of the caller's tenant, authorized for `action`. Reads are by the caller's tenant, so another
 * tenant's id is simply not found (404), never a 403 that would confirm it exists.
 */
export async function loadSchedule(
  repos: Repositories,
  actor: Principal,
  id: string,
  action: Action,
): Promise<Versioned<Schedule>> {
  const found = await repos.schedules.get(actor.tenantId, id);
  if (!found) throw notFound('Schedule', id);
  authorize(actor, action, found.doc);
  return found;
}
