import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser } from 'puppeteer-core';

/**
 * Defence in depth behind request interception: every connection Chromium makes on its own (a
 * preconnect, anything a future feature forgets to intercept) goes to a proxy that does not exist, and
 * no host name resolves. Reports load nothing but data: URLs.
 */
export const networkLockdownArgs = [
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

/** Recommended for Lambda-style hosts, but they lift the same-origin and mixed-content rules we want kept. */
const droppedArgs = new Set(['--disable-web-security', '--allow-running-insecure-content']);

export interface LaunchOptions {
  /** A Chromium binary; default the one @sparticuz/chromium ships (unpacked to the temp dir once). */
  executablePath?: string | undefined;
  timeoutMs: number;
  /** Ceiling on any one DevTools call. */
  protocolTimeoutMs: number;
  extraArgs?: string[] | undefined;
  /** Keep @sparticuz/chromium's --single-process (see ChromiumPdfRendererOptions). Default false. */
  singleProcess?: boolean;
}

/**
 * @sparticuz/chromium's recommended flags, minus the unsafe ones (and --single-process unless asked for),
 * plus --no-sandbox (we run as root) and the network lockdown.
 */
export function chromiumArgs(extraArgs: string[] = [], singleProcess = false): string[] {
  const args = chromium.args.filter(
    (a) => !droppedArgs.has(a) && (singleProcess || a !== '--single-process'),
  );
  return [...new Set([...args, '--no-sandbox', ...networkLockdownArgs, ...extraArgs])];
}

/**
 * Starts headless Chromium, talking DevTools over a pipe (no debugging port for anything else to reach),
 * without the blank tab it opens at start: renders use tabs of their own, and that one's renderer process
 * held ~85 MB of the ~350 MB an idle browser took (RSS of the process tree).
 */
export async function launchChromium(options: LaunchOptions): Promise<Browser> {
  const browser = await puppeteer.launch({
    executablePath: options.executablePath ?? (await chromium.executablePath()),
    args: chromiumArgs(options.extraArgs, options.singleProcess),
    headless: 'shell',
    pipe: true,
    timeout: options.timeoutMs,
    protocolTimeout: options.protocolTimeoutMs,
    defaultViewport: null,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  try {
    await Promise.all((await browser.pages()).map((page) => page.close()));
  } catch (err) {
    await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
    throw err;
  }
  return browser;
}
