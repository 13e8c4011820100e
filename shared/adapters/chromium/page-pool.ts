import type { Browser } from 'puppeteer-core';
import { withTimeout } from './deadline';
import type { ReportPage } from './report-page';

export interface PagePool {
  /** A prepared tab of the current browser; waits while `size` renders are in flight. */
  acquire(timeoutMs: number): Promise<ReportPage>;
  /** Back to the pool once emptied (so an idle tab holds no tenant's document). */
  release(page: ReportPage): void;
  /** Closes a tab that failed; its slot frees at once. */
  discard(page: ReportPage): void;
  /** Fails waiting and future acquires. */
  close(): void;
}

export interface PagePoolDeps {
  size: number;
  browser: () => Promise<Browser>;
  openPage: (browser: Browser) => Promise<ReportPage>;
  /** Ceiling on emptying or closing a tab. */
  stepTimeoutMs: number;
}

class PoolClosed extends Error {
  constructor() {
    super('the PDF renderer is closed');
  }
}

/** At most `size` tabs render at once; tabs are reused while their browser lives. */
export function createPagePool(deps: PagePoolDeps): PagePool {
  let inUse = 0;
  let closed = false;
  const idle: ReportPage[] = [];
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

  return {
    async acquire(timeoutMs) {
      await takeSlot(timeoutMs);
      try {
        const browser = await deps.browser();
        for (let p = idle.pop(); p; p = idle.pop()) {
          if (p.browser === browser && browser.connected && !p.page.isClosed()) {
            p.blockedRequests = 0;
            return p;
          }
        }
        return await deps.openPage(browser);
      } catch (err) {
        freeSlot();
        throw err;
      }
    },
    release(p) {
      if (closed || !p.browser.connected) {
        freeSlot();
        return;
      }
      withTimeout(p.page.setContent('<!DOCTYPE html><title></title>'), deps.stepTimeoutMs, 'page reset').then(
        () => {
          if (closed) closePage(p);
          else idle.push(p);
          freeSlot();
        },
        () => {
          closePage(p);
          freeSlot();
        },
      );
    },
    discard(p) {
      closePage(p);
      freeSlot();
    },
    close() {
      closed = true;
      idle.splice(0).forEach(closePage);
      waiters.splice(0).forEach((w) => w.fail(new PoolClosed()));
    },
  };
}
