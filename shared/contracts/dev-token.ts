import { z } from 'zod';
import { roleSchema, tierSchema } from './common';

/** `POST /api/v1/dev/token` (local host only): mint a signed access token for a tenant user. */
export const devTokenRequestSchema = z.strictObject({
  tenantId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  userId: z.string().min(1).max(128),
  /** Tenant roles, and `platform_admin` for the operator's endpoints. */
  roles: z
    .array(z.union([roleSchema, z.literal('platform_admin')]))
    .min(1)
    .max(4),
  tier: tierSchema.optional(),
  expiresInSeconds: z
    .number()
    .int()
    .min(1)
    .max(24 * 3600)
    .default(3600),
});
export type DevTokenRequest = z.input<typeof devTokenRequestSchema>;

export const devTokenResponseSchema = z.strictObject({
  accessToken: z.string(),
  expiresIn: z.number().int(),
  tokenType: z.literal('Bearer'),
});
export type DevTokenResponse = z.infer<typeof devTokenResponseSchema>;
