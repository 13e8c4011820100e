import { z } from 'zod';
import { NameText } from './text';
import { pageQuerySchema } from './common';
import { HolidayCalendar, LocalDate } from './holiday-calendar';

/** The body of `POST /v1/holiday-calendars` and `PUT /v1/holiday-calendars/{id}`; dates are kept sorted, once each. */
export const HolidayCalendarRequest = z
  .strictObject({
    name: NameText,
    dates: z.array(LocalDate.meta({ description: 'YYYY-MM-DD' })).max(2000),
  })
  .meta({ id: 'HolidayCalendarRequest' });
export type HolidayCalendarRequest = z.infer<typeof HolidayCalendarRequest>;

export const HolidayCalendarResource = HolidayCalendar.meta({ id: 'HolidayCalendar' });

export const ListHolidayCalendarsQuery = pageQuerySchema;
