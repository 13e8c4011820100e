/** An interval as a number and a unit, and the ISO 8601 duration the API takes (`PT15M`, `P1D`, `P1M`). */
export type IntervalUnit = 'minutes' | 'hours' | 'days' | 'weeks' | 'months';

const units: Record<IntervalUnit, [prefix: string, suffix: string]> = {
  minutes: ['PT', 'M'],
  hours: ['PT', 'H'],
  days: ['P', 'D'],
  weeks: ['P', 'W'],
  months: ['P', 'M'],
};

export function formatEvery(amount: number, unit: IntervalUnit): string {
  const [prefix, suffix] = units[unit];
  return `${prefix}${amount}${suffix}`;
}

/** The amount and unit of a simple duration, or null for anything else (shown as raw text). */
export function parseEvery(every: string): { amount: number; unit: IntervalUnit } | null {
  const match = /^P(T?)(\d+)([MHDW])$/.exec(every.trim());
  if (!match) return null;
  const [, time, amount, suffix] = match;
  const unit = (Object.keys(units) as IntervalUnit[]).find(
    (u) => units[u][0] === `P${time}` && units[u][1] === suffix,
  );
  return unit ? { amount: Number(amount), unit } : null;
}
