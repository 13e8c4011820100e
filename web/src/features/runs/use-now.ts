import { onScopeDispose, ref, watch, type Ref } from 'vue';

/** The current time, ticking every second while `live` is true (a running bar of the timeline grows). */
export function useNow(live: Ref<boolean>): Ref<Date> {
  const now = ref(new Date());
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  watch(
    live,
    (on) => {
      stop();
      now.value = new Date();
      if (on) timer = setInterval(() => (now.value = new Date()), 1000);
    },
    { immediate: true },
  );
  onScopeDispose(stop);
  return now;
}
