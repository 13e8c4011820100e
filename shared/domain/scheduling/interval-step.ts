/**
 * The step of an interval schedule. Date units (`PnY`, `PnM`, `PnW`, `PnD`) step the calendar in the schedule's
 * zone and keep the local wall time; clock units (`PTnH`, `PTnM`, `PTnS`) are exact elapsed time. One step may not
 * mix the two (write `PT36H` or `P1D`, not `P1DT12H`), and must be at least one minute.
 */
import { AppError } from '../errors';
import { checkIsoDuration, durationMessage } from './iso-duration';
import { MINUTE_MS } from './local-time';

export type IntervalStep =
  { kind: 'calendar'; months: number; days: number } | { kind: 'elapsed'; ms: number };

export type IntervalStepCheck = { ok: true; step: IntervalStep } | { ok: false; message: string };

const MAX_ELAPSED_MS = 100 * 366 * 86_400_000;

export function checkIntervalStep(text: string): IntervalStepCheck {
  const check = checkIsoDuration(text);
  if (!check.ok) return { ok: false, message: durationMessage(text, check.reason) };
  const d = check.duration;
  const months = d.years * 12 + d.months;
  const days = d.weeks * 7 + d.days;
  const ms = ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000;
  const fail = (reason: string): IntervalStepCheck => ({ ok: false, message: durationMessage(text, reason) });
  if (months + days > 0 && ms > 0) {
    return fail(
      'an interval is either calendar units (Y, M, W, D) or clock units (H, M, S), not both: write PT36H or P1D',
    );
  }
  if (months > 1200 || days > 36_600 || ms > MAX_ELAPSED_MS)
    return fail('an interval may be at most 100 years');
  if (months + days > 0) return { ok: true, step: { kind: 'calendar', months, days } };
  if (ms < MINUTE_MS) return fail('an interval must be at least 1 minute');
  return { ok: true, step: { kind: 'elapsed', ms } };
}

export function parseIntervalStep(text: string): IntervalStep {
  const check = checkIntervalStep(text);
  if (check.ok) return check.step;
  throw new AppError('VALIDATION_ERROR', check.message, { field: 'every', value: text });
}
