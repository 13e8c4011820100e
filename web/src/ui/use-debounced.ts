import { onScopeDispose, ref, watch, type Ref, type WatchSource } from 'vue';

/** A copy of `source` that changes only after it has been still for `ms` (typing → one request). */
export function useDebounced<T>(source: WatchSource<T>, ms: number, initial: T): Ref<T> {
  const value = ref(initial) as Ref<T>;
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(
    source,
    (next) => {
      clearTimeout(timer);
      timer = setTimeout(() => (value.value = next), ms);
    },
    { deep: true },
  );
  onScopeDispose(() => clearTimeout(timer));
  return value;
}
