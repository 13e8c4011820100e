import { z } from 'zod';
import { IsoDateTime } from './primitives';

export const EraseTenantQuery = z.strictObject({
  /** The token the first call answered with; without it the call only asks for one. */
  confirmationToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,128}$/, 'must be the confirmationToken of a first call')
    .optional(),
});

export const EraseTenantResponse = z
  .union([
    z.strictObject({
      status: z.literal('confirmation_required'),
      confirmationToken: z.string(),
      expiresAt: IsoDateTime,
    }),
    z.strictObject({
      status: z.literal('erased'),
      erasedAt: IsoDateTime,
      /** Rows, blobs and secrets removed, by store. */
      removed: z.record(z.string(), z.number().int()),
    }),
  ])
  .meta({ id: 'TenantErase' });

/** The queue of an erased tenant's Durable instances to terminate and purge (HTTP functions hold no Durable client). */
export const tenantInstancePurgeQueueName = 'tenant-instance-purges';

/** One batch of an erased tenant's runs and deliveries, whose Durable instances are purged. */
export const TenantInstancesPurgeRequested = z.strictObject({
  runIds: z.array(z.string().min(1).max(64)).max(200),
  deliveries: z.array(z.strictObject({ id: z.string().min(1).max(64), redrives: z.int().min(0) })).max(200),
});
export type TenantInstancesPurgeRequested = z.infer<typeof TenantInstancesPurgeRequested>;
