import type { HolidayCalendar } from '../../../../shared/contracts/holiday-calendar';
import { splitList } from '../../ui/crud/form-values';

/** The editable form of a holiday calendar: dates typed one per line (or comma separated). */
export interface HolidayCalendarModel {
  name: string;
  datesText: string;
}

export const emptyCalendar = (): HolidayCalendarModel => ({ name: '', datesText: '' });

export const calendarToModel = (c: HolidayCalendar): HolidayCalendarModel => ({
  name: c.name,
  datesText: c.dates.join('\n'),
});

export const calendarRequest = (m: HolidayCalendarModel) => ({ name: m.name, dates: splitList(m.datesText) });
