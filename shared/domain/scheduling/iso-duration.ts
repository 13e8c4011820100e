/** ISO 8601 durations (`PT15M`, `P1D`, `P1M`, `P1Y2M`, `P2W`), whole numbers only, with clear errors. */
import { AppError } from '../errors';

export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export type DurationCheck = { ok: true; duration: IsoDuration } | { ok: false; reason: string };

const grammar = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export function checkIsoDuration(text: string): DurationCheck {
  const upper = text.trim().toUpperCase();
  const match = grammar.exec(upper);
  if (!match) return { ok: false, reason: diagnose(upper) };
  const n = match.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const [years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0] = n;
  if (match.slice(1).every((v) => v === undefined))
    return { ok: false, reason: 'it has no amount (e.g. PT15M, P1D)' };
  if (upper.endsWith('T')) return { ok: false, reason: '"T" must be followed by hours, minutes or seconds' };
  if (n.some((v) => !Number.isSafeInteger(v) || v > 1_000_000))
    return { ok: false, reason: 'an amount is too large' };
  return { ok: true, duration: { years, months, weeks, days, hours, minutes, seconds } };
}

/** The duration, or an AppError VALIDATION_ERROR with the reason. */
export function parseIsoDuration(text: string, field = 'duration'): IsoDuration {
  const check = checkIsoDuration(text);
  if (check.ok) return check.duration;
  throw new AppError('VALIDATION_ERROR', durationMessage(text, check.reason), {
    field,
    value: text,
    reason: check.reason,
  });
}

export const durationMessage = (text: string, reason: string) =>
  `Invalid ISO 8601 duration "${text}": ${reason}`;

function diagnose(text: string): string {
  if (text.startsWith('-') || text.startsWith('+')) return 'signed durations are not allowed';
  if (!text.startsWith('P')) return 'it must start with "P" (e.g. PT15M, P1D, P1M)';
  if (/[.,]/.test(text)) return 'fractions are not supported: use a smaller unit (PT90M, not PT1.5H)';
  if (/[^PYMWDTHS\d]/.test(text))
    return `"${/[^PYMWDTHS\d]/.exec(text)?.[0]}" is not a duration unit (Y M W D, then T H M S)`;
  if (/T.*[YWD]|^P[^T]*[HS]/.test(text))
    return 'hours, minutes and seconds come after "T", years to days before it (P1DT2H)';
  return 'units must each appear once, in the order Y M W D T H M S, each after a whole number';
}

/** Elapsed milliseconds of a duration without years or months (a day counts as 24 hours). */
export function fixedDurationMs(d: IsoDuration): number | null {
  if (d.years !== 0 || d.months !== 0) return null;
  return ((((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds) * 1000;
}
