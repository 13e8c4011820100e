import type { Browser } from 'puppeteer-core';
import { withTimeout } from './deadline';

/** The process's one browser: launched on first use, relaunched on the next use after it died. */
export interface BrowserSupervisor {
  browser(): Promise<Browser>;
  /** The browser's OS process id while one runs (operators, and the crash test). */
  processId(): number | undefined;
  /**
   * Kills the browser if it does not answer within `ms` (after a render failed); the next use relaunches.
   * True when it answered: the failure was the document's, not the browser's.
   */
  recycleIfUnresponsive(ms: number): Promise<boolean>;
  /** Closes the browser for good: browser() fails afterwards. */
  close(): Promise<void>;
}

export function createBrowserSupervisor(
  launch: () => Promise<Browser>,
  closeTimeoutMs = 5_000,
): BrowserSupervisor {
  let current: Promise<Browser> | undefined;
  let running: Browser | undefined;
  let closed = false;

  function start(): Promise<Browser> {
    const launching = launch().then(
      (browser) => {
        running = browser;
        browser.once('disconnected', () => {
          // A crash, a kill or close(): forget it, so the next render launches a fresh one.
          if (current === launching) current = undefined;
          if (running === browser) running = undefined;
        });
        if (closed) void browser.close().catch(() => browser.process()?.kill('SIGKILL'));
        return browser;
      },
      (err: unknown) => {
        if (current === launching) current = undefined;
        throw err;
      },
    );
    current = launching;
    return launching;
  }

  return {
    browser: () => (closed ? Promise.reject(new Error('the browser is closed')) : (current ?? start())),
    processId: () => running?.process()?.pid,
    async recycleIfUnresponsive(ms) {
      const browser = running;
      if (!browser?.connected) return false;
      return withTimeout(browser.version(), ms, 'browser health check').then(
        () => true,
        () => {
          browser.process()?.kill('SIGKILL');
          return false;
        },
      );
    },
    async close() {
      closed = true;
      const launching = current;
      current = undefined;
      const browser = await launching?.catch(() => undefined);
      if (!browser) return;
      await withTimeout(browser.close(), closeTimeoutMs, 'browser close').catch(() => {
        browser.process()?.kill('SIGKILL');
      });
    },
  };
}
