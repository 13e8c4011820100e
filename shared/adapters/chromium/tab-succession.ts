import type { PagePool } from './page-pool';
import type { ReportPage } from './report-page';

/**
 * The tabs of a render that prints in several (a sliced PDF): each print after the first in a fresh tab,
 * which opens and is sized while the print before it runs. Opening a tab (~0.2 s) and sizing it (~0.1 s)
 * then stay off the render's path: over the ten slices of a 10k-row PDF that was about a second.
 */
export interface TabSuccession {
  /** Starts opening the tab the next print will use and readying it (its viewport), unless already started. */
  prepareNext(prepare: Prepare): void;
  /** Closes `done` and hands over the next tab, ready: the prepared one, or one opened and readied now. */
  next(done: ReportPage, prepare: Prepare): Promise<ReportPage>;
  /**
   * Closes the tabs it opened that are still open, but `current` (which goes back to the pool): the
   * prepared one, one whose hand-over the render gave up waiting for (a step's timeout), and any that
   * opens later.
   */
  close(current: ReportPage): void;
}

type Prepare = (tab: ReportPage) => Promise<unknown>;

export function createTabSuccession(pool: PagePool): TabSuccession {
  let upcoming: Promise<ReportPage> | undefined;
  /** Tabs opened here and not closed yet. */
  const live = new Set<ReportPage>();
  let closed = false;

  function open(prepare: Prepare): Promise<ReportPage> {
    const opening = pool.openExtra().then(async (tab) => {
      if (closed) {
        pool.discard(tab);
        throw new Error('the render is over');
      }
      live.add(tab);
      await prepare(tab);
      return tab;
    });
    opening.catch(() => undefined); // a failure surfaces in next()
    return opening;
  }

  return {
    prepareNext(prepare) {
      upcoming ??= open(prepare);
    },
    next(done, prepare) {
      live.delete(done);
      pool.discard(done);
      const tab = upcoming ?? open(prepare);
      upcoming = undefined;
      return tab;
    },
    close(current) {
      closed = true;
      upcoming = undefined;
      live.delete(current);
      for (const tab of live) pool.discard(tab);
      live.clear();
    },
  };
}
