import type { Schedule } from '../../contracts/schedule';
import { diffOf, recordAudit } from '../audit/record-audit';
import type { Principal } from '../auth/principal';
import type { ScheduleDeps } from './schedule-deps';
import { toScheduleResource } from './to-schedule-resource';

const asRecord = (s: Schedule | null): Record<string, unknown> | null => {
  if (!s) return null;
  const { updatedAt: _updatedAt, ...rest } = toScheduleResource(s);
  return rest;
};

/** One audit event per schedule mutation, with what changed (`{ field: { from, to } }`). */
export async function auditSchedule(
  deps: Pick<ScheduleDeps, 'repos' | 'clock'>,
  actor: Principal,
  action:
    'schedule.created' | 'schedule.updated' | 'schedule.deleted' | 'schedule.paused' | 'schedule.resumed',
  id: string,
  before: Schedule | null,
  after: Schedule | null,
): Promise<void> {
  await recordAudit({ audit: deps.repos.audit, clock: deps.clock }, actor, {
    action,
    entityType: 'schedule',
    entityId: id,
    diff: diffOf(asRecord(before), asRecord(after)),
  });
}
