import { describe, expect, it } from 'vitest';
import type { PagePool } from './page-pool';
import type { ReportPage } from './report-page';
import { createTabSuccession } from './tab-succession';

/** A pool whose tabs are plain records: which opened, which were readied, which closed. */
function recordingPool() {
  let opened = 0;
  const closed: string[] = [];
  const pending: (() => void)[] = [];
  let holdOpens = false;
  const pool: Pick<PagePool, 'openExtra' | 'discard'> = {
    openExtra() {
      const tab = { name: `tab-${++opened}` } as unknown as ReportPage;
      if (!holdOpens) return Promise.resolve(tab);
      return new Promise((resolve) => pending.push(() => resolve(tab)));
    },
    discard: (tab) => void closed.push((tab as unknown as { name: string }).name),
  };
  return {
    pool: pool as PagePool,
    closed,
    opened: () => opened,
    hold: () => void (holdOpens = true),
    releaseOpens: () => pending.splice(0).forEach((open) => open()),
  };
}

const named = (name: string) => ({ name }) as unknown as ReportPage;
const nameOf = (tab: ReportPage) => (tab as unknown as { name: string }).name;

describe('tab succession of a sliced print', () => {
  it('hands over the tab readied while the previous print ran, and closes the previous one', async () => {
    const { pool, closed, opened } = recordingPool();
    const readied: string[] = [];
    const ready = (tab: ReportPage) => Promise.resolve(void readied.push(nameOf(tab)));
    const tabs = createTabSuccession(pool);
    tabs.prepareNext(ready);
    tabs.prepareNext(ready); // already under way: no second tab
    await Promise.resolve();
    expect(opened()).toBe(1);
    const second = await tabs.next(named('first'), ready);
    expect(nameOf(second)).toBe('tab-1');
    expect(readied).toEqual(['tab-1']);
    expect(closed).toEqual(['first']);
  });

  it('opens and readies a tab on the spot when none was prepared', async () => {
    const { pool, closed } = recordingPool();
    const readied: string[] = [];
    const tabs = createTabSuccession(pool);
    const tab = await tabs.next(named('first'), (t) => Promise.resolve(void readied.push(nameOf(t))));
    expect(nameOf(tab)).toBe('tab-1');
    expect(readied).toEqual(['tab-1']);
    expect(closed).toEqual(['first']);
  });

  it('closes a prepared tab nobody took, but not the current one', async () => {
    const { pool, closed } = recordingPool();
    const ready = () => Promise.resolve();
    const tabs = createTabSuccession(pool);
    tabs.prepareNext(ready);
    const current = await tabs.next(named('first'), ready);
    tabs.prepareNext(ready);
    await new Promise((resolve) => setImmediate(resolve));
    tabs.close(current);
    expect(closed).toEqual(['first', 'tab-2']);
  });

  it('closes a tab that opens after the render ended (a hand-over it gave up waiting for)', async () => {
    const { pool, closed, hold, releaseOpens } = recordingPool();
    hold();
    const tabs = createTabSuccession(pool);
    const late = tabs.next(named('first'), () => Promise.resolve());
    tabs.close(named('first'));
    releaseOpens();
    await expect(late).rejects.toThrow('the render is over');
    expect(closed).toEqual(['first', 'tab-1']);
  });

  it('closes a tab that failed to get ready, and the failure reaches the print', async () => {
    const { pool, closed } = recordingPool();
    const tabs = createTabSuccession(pool);
    const failing = tabs.next(named('first'), () => Promise.reject(new Error('viewport refused')));
    await expect(failing).rejects.toThrow('viewport refused');
    tabs.close(named('first'));
    expect(closed).toEqual(['first', 'tab-1']);
  });
});
