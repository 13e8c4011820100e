import { z } from 'zod';
import { tierSchema as Tier } from './common';
import { IsoDateTime, TenantId } from './primitives';

export const Tenant = z.strictObject({
  id: TenantId,
  name: z.string().min(1).max(200),
  tier: Tier,
  timezone: z.string().min(1),
  retentionDays: z.number().int().min(1).max(365),
  createdAt: IsoDateTime,
});
export type Tenant = z.infer<typeof Tenant>;
