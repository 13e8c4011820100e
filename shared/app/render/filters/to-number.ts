import { describe } from './describe-value';

/**
 * A filter's numeric input: numbers, bigints and numeric strings (DECIMAL columns arrive as strings).
 * null and '' give null (an empty cell); anything else is the template's mistake.
 */
export function toNumber(filter: string, value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value))
    return Number(value);
  throw new Error(`${filter}: ${describe(value)} is not a number`);
}

/** A decimals argument: an integer 0–10. */
export function toDecimals(filter: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 10) {
    throw new Error(`${filter}: decimals must be a whole number from 0 to 10`);
  }
  return n;
}
