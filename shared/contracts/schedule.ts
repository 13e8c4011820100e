import { z } from 'zod';
import { Id, IsoDateTime, TenantId } from './primitives';

export const ParameterValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const Schedule = z.strictObject({
  id: Id,
  tenantId: TenantId,
  reportId: Id,
  kind: z.literal('cron'),
  cronExpr: z.string().min(1).max(200),
  timezone: z.string().min(1),
  active: z.boolean(),
  parameters: ParameterValues.default({}),
  /** The next fire time (UTC), recomputed only when the schedule fires or changes; null when it never fires again. */
  nextRunAt: IsoDateTime.nullable(),
  createdBy: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Schedule = z.infer<typeof Schedule>;
