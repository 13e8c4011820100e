/** A route query as vue-router gives it (`LocationQuery`), loosely typed so pure code can read it. */
export type QueryLike = Readonly<Record<string, unknown>>;

/** The first non-empty string value of `key`, or undefined. */
export function readQueryString(query: QueryLike, key: string): string | undefined {
  const raw = query[key];
  const value = Array.isArray(raw) ? (raw as unknown[])[0] : raw;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `value` when it is one of `allowed`, else undefined (a hand-edited URL cannot inject a bad filter). */
export function readQueryEnum<T extends string>(
  query: QueryLike,
  key: string,
  allowed: readonly T[],
): T | undefined {
  const value = readQueryString(query, key);
  return allowed.find((a) => a === value);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export function readQueryDay(query: QueryLike, key: string): string | undefined {
  const value = readQueryString(query, key);
  return value && DAY.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

/** Drops undefined / empty entries so the URL only carries the filters in use. */
export function compactQuery(values: Record<string, string | undefined | null>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  );
}
