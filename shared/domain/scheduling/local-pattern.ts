import type { FireContext } from './fire';

/** A recurring wall-clock pattern (cron, calendar days, calendar-step intervals), before any zone is applied. */
export interface LocalPattern {
  /** The first matching wall time (see local-time.ts) at or after `wall`, or null when none comes. */
  nextAtOrAfter(wall: number, context: FireContext): number | null;
  /**
   * Fires at every real instant of every matching wall time and ignores the DST policy: a cron whose hour
   * field allows every hour fires twice in a repeated hour and not at all in a skipped one.
   */
  readonly everyHour: boolean;
}
