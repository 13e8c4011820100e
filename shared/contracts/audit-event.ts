import { z } from 'zod';
import { Id, IsoDateTime, TenantId } from './primitives';

export const AuditEvent = z.strictObject({
  id: Id,
  tenantId: TenantId,
  actorId: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  timestamp: IsoDateTime,
  diff: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
