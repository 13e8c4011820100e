import type { Browser } from 'puppeteer-core';
import { withTimeout } from './deadline';
import type { ReportPage } from './report-page';

export interface PagePool {
  /** A fresh prepared tab of the current browser; waits while `size` renders are in flight. */
  acquire(timeoutMs: number): Promise<ReportPage>;
  /** Closes a used tab (success or failure) and frees its slot; a fresh spare is prepared behind it. */
  release(page: ReportPage): void;
  /**
   * Opens one more tab for a render that holds a slot and prints in several tabs (a sliced PDF); the
   * render closes it with `discard`, or with `release` when it is the render's last.
   */
  openExtra(): Promise<ReportPage>;
  /** Closes a tab of a render that keeps its slot. */
  discard(page: ReportPage): void;
  /** Fails waiting and future acquires; closes the spares. */
  close(): void;
}

export interface PagePoolDeps {
  size: number;
  browser: () => Promise<Browser>;
  openPage: (browser: Browser) => Promise<ReportPage>;
  /** Ceiling on closing a tab in the background. */
  stepTimeoutMs: number;
}

class PoolClosed extends Error {
  constructor() {
    super('the PDF renderer is closed');
  }
}

/**
 * At most `size` renders at once, each in a tab used once: a tab that held one tenant's document never
 * shows another's, and closing it returns its renderer process's memory (a reused tab kept ~2 GB after
 * a 10k-row PDF). Up to `size` fresh tabs wait ready, so opening one stays off the render's path.
 */
export function createPagePool(deps: PagePoolDeps): PagePool {
  let inUse = 0;
  let closed = false;
  let opening = 0;
  const spares: ReportPage[] = [];
  const waiters: { grant: () => void; fail: (err: Error) => void }[] = [];

  function freeSlot() {
    const next = waiters.shift();
    if (next) next.grant();
    else inUse -= 1;
  }

  function takeSlot(timeoutMs: number): Promise<void> {
    if (closed) return Promise.reject(new PoolClosed());
    if (inUse < deps.size) {
      inUse += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
        fail: (err: Error) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`no free page within ${timeoutMs} ms (${deps.size} renders in flight)`));
      }, timeoutMs);
      waiters.push(waiter);
    });
  }

  const closePage = (p: ReportPage) =>
    void withTimeout(p.page.close(), deps.stepTimeoutMs, 'page close').catch(() => undefined);

  function replenish() {
    if (closed || spares.length + opening >= deps.size) return;
    opening += 1;
    deps
      .browser()
      .then((browser) => deps.openPage(browser))
      .then(
        (p) => (closed ? closePage(p) : spares.push(p)),
        () => undefined, // the next acquire opens its own
      )
      .finally(() => (opening -= 1));
  }

  return {
    async acquire(timeoutMs) {
      await takeSlot(timeoutMs);
      try {
        const browser = await deps.browser();
        for (let p = spares.shift(); p; p = spares.shift()) {
          if (p.browser === browser && browser.connected && !p.page.isClosed()) return p;
          closePage(p);
        }
        return await deps.openPage(browser);
      } catch (err) {
        freeSlot();
        throw err;
      }
    },
    release(p) {
      closePage(p);
      freeSlot();
      if (p.browser.connected) replenish();
    },
    async openExtra() {
      if (closed) throw new PoolClosed();
      return deps.openPage(await deps.browser());
    },
    discard: closePage,
    close() {
      closed = true;
      spares.splice(0).forEach(closePage);
      waiters.splice(0).forEach((w) => w.fail(new PoolClosed()));
    },
  };
}
