import { z } from 'zod';

/** The roles a token may carry. */
export const roleSchema = z.enum(['tenant_admin', 'report_creator', 'viewer']);
export type Role = z.infer<typeof roleSchema>;

/** The service tiers that set rate limits and quotas. */
export const tierSchema = z.enum(['standard', 'premium', 'enterprise']);
export type Tier = z.infer<typeof tierSchema>;

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

/** `limit` and `cursor` as they arrive in a query string. Extend it with a list's own filters. */
export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
  cursor: z.string().min(1).max(2048).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** A page of a list: `{ items, nextCursor }`; `nextCursor` is null on the last page. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.strictObject({ items: z.array(item), nextCursor: z.string().nullable() });
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A resource id in a route (`{id}`): opaque, URL-safe, bounded. */
export const resourceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 URL-safe characters');
export const idParamsSchema = z.strictObject({ id: resourceIdSchema });
