import { randomBytes } from 'node:crypto';
import type { Tier } from '../../contracts/common';
import type { Schedule } from '../../contracts/schedule';
import type { ScheduleInput } from '../../contracts/schedule-resource';
import { newId } from '../../domain/ids';
import type { Versioned } from '../../ports/repositories';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { auditSchedule } from './audit-schedule';
import { storeNewSchedule } from './store-new-schedule';
import type { ScheduleDeps } from './schedule-deps';
import { buildScheduleDefinition } from './schedule-definition';

/** POST /schedules: a definition checked against the tenant, within its quota, stored with its first fire. */
export async function createSchedule(
  deps: ScheduleDeps,
  actor: Principal,
  tier: Tier,
  input: ScheduleInput,
): Promise<Versioned<Schedule>> {
  authorize(actor, 'create');
  const now = deps.clock();
  const definition = await buildScheduleDefinition(deps.repos, actor, input, now);
  await deps.assertScheduleQuota(actor.tenantId, tier);
  const at = now.toISOString();
  const stored = await storeNewSchedule(
    deps,
    {
      ...definition,
      id: newId(now, randomBytes),
      tenantId: actor.tenantId,
      active: true,
      createdBy: actor.userId,
      createdAt: at,
      updatedAt: at,
    },
    { requireFire: true },
  );
  await auditSchedule(deps, actor, 'schedule.created', stored.doc.id, null, stored.doc);
  await deps.scheduleCountChanged?.(actor.tenantId);
  return stored;
}
