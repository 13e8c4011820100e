/** The rule being built in one sentence, whatever its kind. */
import { describeCron } from './cron/describe-cron';
import { parseEvery } from './interval-every';
import type { ScheduleForm } from './schedule-form';

const weekdayNames: Record<string, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
const ordinal = (n: number | 'last') =>
  n === 'last' ? 'last' : (['first', 'second', 'third', 'fourth', 'fifth'][n - 1] ?? `${n}th`);

export function describeRule(
  form: Pick<
    ScheduleForm,
    'kind' | 'cronExpr' | 'every' | 'time' | 'on' | 'at' | 'timezone' | 'holidayCalendarIds'
  >,
): string | null {
  const zone = ` (${form.timezone})`;
  switch (form.kind) {
    case 'cron': {
      const sentence = describeCron(form.cronExpr);
      return sentence && sentence + zone;
    }
    case 'interval': {
      const every = parseEvery(form.every);
      return every
        ? `Every ${every.amount === 1 ? every.unit.replace(/s$/, '') : `${every.amount} ${every.unit}`}${zone}`
        : null;
    }
    case 'calendar': {
      const holidays = form.holidayCalendarIds.length ? ', skipping holidays' : '';
      const on = form.on;
      const days =
        on.type === 'weekdays'
          ? 'every business day'
          : on.type === 'last_business_day'
            ? 'the last business day of each month'
            : on.type === 'nth_business_day'
              ? `business day ${on.nth} of each month`
              : `the ${ordinal(on.nth)} ${weekdayNames[on.weekday]} of each month`;
      return `At ${form.time}, ${days}${holidays}${zone}`;
    }
    case 'once':
      return form.at ? `Once, at ${form.at.replace('T', ' ')}${zone}` : null;
  }
}
