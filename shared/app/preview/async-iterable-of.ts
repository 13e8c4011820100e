/** A list in memory as the async iterable the transforms and renderers read rows from. */
export function asyncIterableOf<T>(items: readonly T[]): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      let i = 0;
      return {
        next: (): Promise<IteratorResult<T>> =>
          Promise.resolve(
            i < items.length ? { value: items[i++]!, done: false } : { value: undefined, done: true },
          ),
      };
    },
  };
}
