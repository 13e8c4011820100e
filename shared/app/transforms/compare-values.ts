export type Value = unknown;

const NUMERIC = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

/** A number, or a string holding exactly one (exact decimals and bigints often come as text); else undefined. */
export function toNumber(value: Value): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  return undefined;
}

export const isNull = (value: Value) => value === null || value === undefined;

/**
 * Typed comparison: numbers with numbers (a numeric string counts as its number when the other side is a
 * number), strings with strings (by code point; ISO dates order correctly), booleans with booleans.
 * Null or mixed kinds are not comparable: undefined.
 */
export function compareValues(a: Value, b: Value): number | undefined {
  if (isNull(a) || isNull(b)) return undefined;
  if (typeof a === 'number' || typeof b === 'number') {
    const x = toNumber(a);
    const y = toNumber(b);
    return x === undefined || y === undefined ? undefined : Math.sign(x - y);
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return undefined;
}

const rank = (v: Value) =>
  typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : 3;

/**
 * The order for sorting: typed comparison within a kind (a numeric string against a number as its number);
 * otherwise numbers < strings < booleans < anything else.
 */
export function orderValues(a: Value, b: Value): number {
  if (typeof a === 'number' || typeof b === 'number') {
    const x = toNumber(a);
    const y = toNumber(b);
    if (x !== undefined && y !== undefined) return Math.sign(x - y);
  }
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 3) {
    const x = JSON.stringify(a) ?? '';
    const y = JSON.stringify(b) ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return compareValues(a, b) ?? 0;
}

export const truthy = (value: Value) =>
  value === true || (typeof value === 'number' && value !== 0) || (typeof value === 'string' && value !== '');
