/**
 * The builder's presets and the cron expressions they write; `cronToPreset` recognises an expression a preset
 * would write, so choosing a preset, editing fields and typing the raw expression stay in sync.
 */
import { splitCron } from './cron-fields';

export type CronPreset =
  | { kind: 'hourly'; minute: number }
  | { kind: 'daily'; hour: number; minute: number }
  | { kind: 'weekdays'; hour: number; minute: number }
  /** weekday: 0 = Sunday … 6 = Saturday, as in cron. */
  | { kind: 'weekly'; weekday: number; hour: number; minute: number }
  | { kind: 'monthly'; day: number; hour: number; minute: number }
  | { kind: 'custom' };

export type CronPresetKind = CronPreset['kind'];

export function presetToCron(preset: Exclude<CronPreset, { kind: 'custom' }>): string {
  switch (preset.kind) {
    case 'hourly':
      return `${preset.minute} * * * *`;
    case 'daily':
      return `${preset.minute} ${preset.hour} * * *`;
    case 'weekdays':
      return `${preset.minute} ${preset.hour} * * 1-5`;
    case 'weekly':
      return `${preset.minute} ${preset.hour} * * ${preset.weekday}`;
    case 'monthly':
      return `${preset.minute} ${preset.hour} ${preset.day} * *`;
  }
}

const dayNames = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** A plain number in [min, max] (no lists, ranges or steps), else null. */
function single(text: string, min: number, max: number, names?: readonly string[]): number | null {
  const named = names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named;
  if (!/^\d{1,2}$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

/** The preset an expression is, or `custom`. */
export function cronToPreset(expression: string): CronPreset {
  const fields = splitCron(expression);
  if (!fields) return { kind: 'custom' };
  const minute = single(fields.minute, 0, 59);
  if (minute === null || fields.month !== '*') return { kind: 'custom' };
  const anyDom = fields.dayOfMonth === '*' || fields.dayOfMonth === '?';
  const anyDow = fields.dayOfWeek === '*' || fields.dayOfWeek === '?';
  if (fields.hour === '*') return anyDom && anyDow ? { kind: 'hourly', minute } : { kind: 'custom' };
  const hour = single(fields.hour, 0, 23);
  if (hour === null) return { kind: 'custom' };
  if (anyDom && anyDow) return { kind: 'daily', hour, minute };
  if (anyDom && /^(1-5|MON-FRI)$/i.test(fields.dayOfWeek)) return { kind: 'weekdays', hour, minute };
  if (anyDom) {
    const weekday = single(fields.dayOfWeek, 0, 7, dayNames);
    return weekday === null ? { kind: 'custom' } : { kind: 'weekly', weekday: weekday % 7, hour, minute };
  }
  if (anyDow) {
    const day = single(fields.dayOfMonth, 1, 31);
    return day === null ? { kind: 'custom' } : { kind: 'monthly', day, hour, minute };
  }
  return { kind: 'custom' };
}

/** `08:05` from hour and minute, and back (null when not HH:mm). */
export function formatHourMinute(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
export function parseHourMinute(text: string): { hour: number; minute: number } | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : null;
}
