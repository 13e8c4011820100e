import { z } from 'zod';
import { tierSchema } from './common';
import { IsoDateTime, TenantId } from './primitives';
import { TimeZone } from '../domain/scheduling/schedule-rule';
import { TenantOverrides, TenantStatus } from './tenant';

export const TenantLimitsResource = z.strictObject({
  schedules: z.number().int().nullable(),
  executionsPerDay: z.number().int().nullable(),
  maxRetentionDays: z.number().int(),
  maxConcurrentExecutions: z.number().int(),
  maxAttachmentBytes: z.number().int(),
  rateLimitTier: tierSchema,
});

/** `GET /api/v1/tenant`: the caller's tenant, its settings and the limits its tier gives. */
export const TenantResource = z.strictObject({
  id: TenantId,
  displayName: z.string(),
  tier: tierSchema,
  status: TenantStatus,
  defaultTimeZone: z.string(),
  alertEmails: z.array(z.string()),
  maxAttachmentBytes: z.number().int(),
  retentionDays: z.number().int(),
  limits: TenantLimitsResource,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime.nullable(),
});
export type TenantResource = z.infer<typeof TenantResource>;

/** `PATCH /api/v1/tenant`: the settings a tenant admin may change (tier and status are the operator's). */
export const TenantPatch = z
  .strictObject({
    displayName: z.string().trim().min(1).max(200),
    defaultTimeZone: TimeZone,
    alertEmails: z.array(z.email().max(254)).max(20),
    maxAttachmentBytes: z.number().int().min(1024),
    retentionDays: z.number().int().min(1).max(3650),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'Name at least one setting to change' });
export type TenantPatch = z.infer<typeof TenantPatch>;

/** What the platform operator sees and sets (`/api/v1/admin/tenants/{id}`). */
export const AdminTenantResource = TenantResource.extend({ overrides: TenantOverrides });
export type AdminTenantResource = z.infer<typeof AdminTenantResource>;

export const AdminTenantUpdate = z.strictObject({
  tier: tierSchema,
  status: TenantStatus,
  /** Applied only to an Enterprise tenant. */
  overrides: TenantOverrides.default({}),
});
export type AdminTenantUpdate = z.infer<typeof AdminTenantUpdate>;

export const QuotaName = z.enum(['schedules', 'executionsPerDay']);
export type QuotaName = z.infer<typeof QuotaName>;

export const QuotaUsage = z.strictObject({
  quota: QuotaName,
  used: z.number().int().min(0),
  /** null = unlimited. */
  limit: z.number().int().nullable(),
  /** When the count starts again from zero; null for a quota that does not reset (a standing count). */
  resetsAt: IsoDateTime.nullable(),
});
export type QuotaUsage = z.infer<typeof QuotaUsage>;

/** `GET /api/v1/tenant/usage`. */
export const TenantUsage = z.strictObject({
  tenantId: TenantId,
  tier: tierSchema,
  quotas: z.array(QuotaUsage),
});
export type TenantUsage = z.infer<typeof TenantUsage>;
