import { z } from 'zod';
import { tierSchema as Tier } from './common';
import { IsoDateTime, TenantId } from './primitives';

export const TenantStatus = z.enum(['active', 'suspended']);
export type TenantStatus = z.infer<typeof TenantStatus>;

/** Limits the operator sets for one Enterprise ("custom") tenant; absent = the tier's value. */
export const TenantOverrides = z.strictObject({
  /** null = unlimited. */
  schedules: z.number().int().min(0).max(1_000_000).nullable().optional(),
  executionsPerDay: z.number().int().min(0).max(100_000_000).nullable().optional(),
  maxRetentionDays: z.number().int().min(1).max(3650).optional(),
  maxConcurrentExecutions: z.number().int().min(1).max(1000).optional(),
  maxAttachmentBytes: z
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .optional(),
  rateLimitTier: Tier.optional(),
});
export type TenantOverrides = z.infer<typeof TenantOverrides>;

/**
 * A tenant's record (PartitionKey = RowKey = the tenant id). Fields added after the first version are
 * optional: a record without them reads as active, no alert emails, the tier's attachment limit.
 */
export const Tenant = z.strictObject({
  id: TenantId,
  name: z.string().min(1).max(200),
  tier: Tier,
  timezone: z.string().min(1),
  retentionDays: z.number().int().min(1).max(3650),
  createdAt: IsoDateTime,
  status: TenantStatus.optional(),
  alertEmails: z.array(z.email().max(254)).max(20).optional(),
  /** The largest attachment a delivery sends; absent = the tier's maximum. */
  maxAttachmentBytes: z.number().int().min(1024).optional(),
  overrides: TenantOverrides.optional(),
  updatedAt: IsoDateTime.optional(),
});
export type Tenant = z.infer<typeof Tenant>;
