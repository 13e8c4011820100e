/**
 * Caches what `create` builds per key (Intl formatters, compiled formats): building one costs far more
 * than using it, and a 10k-row table formats tens of thousands of cells. Emptied when it reaches `max`.
 */
export function memoize<T>(create: (key: string) => T, max = 256): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= max) cache.clear();
      value = create(key);
      cache.set(key, value);
    }
    return value;
  };
}
