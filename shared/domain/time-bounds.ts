/**
 * The instants the product knows: 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z. Every date the API
 * accepts is inside, and every date it computes stops there: past the end a schedule has no further fire,
 * so an ISO string never grows a six-digit year (`+010000-…`) that the stored document cannot read back.
 */
import { z } from 'zod';

export const EARLIEST_MS = Date.UTC(1970, 0, 1);
export const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export const isWithinTimeBounds = (ms: number): boolean => ms >= EARLIEST_MS && ms <= LATEST_MS;

const outOfBounds = 'must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z';

/** An ISO 8601 instant with `Z` or an offset, inside the bounds (`+14:00` can move a 9999 date past them). */
export const BoundedInstant = z.iso
  .datetime({ offset: true })
  .refine((text) => isWithinTimeBounds(Date.parse(text)), { message: outOfBounds });

/** A calendar date `YYYY-MM-DD` from 1970 on. */
export const BoundedDate = z.iso
  .date()
  .refine((text) => text >= '1970-01-01', { message: 'must be a date from 1970-01-01 on' });
