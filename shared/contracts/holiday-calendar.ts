import { z } from 'zod';
import { BoundedDate } from '../domain/time-bounds';
import { Id, IsoDateTime, TenantId } from './primitives';

export const LocalDate = BoundedDate;

/** A tenant's non-business days, used as exclusions by business-day calendar schedules. */
export const HolidayCalendar = z.strictObject({
  id: Id,
  tenantId: TenantId,
  name: z.string().min(1).max(200),
  dates: z.array(LocalDate).max(2000),
  createdBy: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type HolidayCalendar = z.infer<typeof HolidayCalendar>;
