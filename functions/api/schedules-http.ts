// Shared by the schedules endpoints: the reply of a schedule, the If-Match check handed to the use cases.
import type { Schedule } from '../../shared/contracts/schedule';
import type { Principal } from '../../shared/app/auth/principal';
import { toScheduleResource } from '../../shared/app/schedules/to-schedule-resource';
import type { Tier } from '../../shared/contracts/common';
import type { Versioned } from '../../shared/ports/repositories';
import type { Deps } from '../composition-root';
import { reply } from '../http/endpoint-types';

/** A schedule with its ETag (and Location when created). */
export function scheduleReply<S extends 200 | 201>(status: S, schedule: Versioned<Schedule>) {
  const location = status === 201 ? { location: `/api/v1/schedules/${schedule.doc.id}` } : {};
  return reply(status, toScheduleResource(schedule.doc), { etag: schedule.etag, ...location });
}

/** The caller's tier: the tenant's record (a token's claim plays no part). */
export async function tierOf(deps: Deps, principal: Principal): Promise<Tier> {
  return deps.tenantTier(principal.tenantId);
}

/** The design document example body (reportId is a placeholder). */
export const specExampleBody = {
  reportId: 'b7c5a1e2-4f3d-4e8a-9c21-0d6f5e4a3b21',
  cronExpr: '0 9 * * *',
  timezone: 'America/New_York',
  emailDelivery: {
    enabled: true,
    recipients: ['user@example.com', 'team@example.com'],
    subjectTemplate: '{{reportName}} - {{executionDate}}',
    bodyTemplate: "Your report is ready. <a href='{{artifactUrl}}'>View Report</a>",
    attachPdf: false,
  },
};
