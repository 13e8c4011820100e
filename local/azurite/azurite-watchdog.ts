import fs from 'node:fs';
import path from 'node:path';

/** Where a persistent Azurite records its process id while it runs (removed when it exits). */
export function azuritePidFile(location: string): string {
  return path.join(location, 'azurite.pid');
}

/**
 * The code Azurite's child process runs before Azurite itself: when its parent (the host) disappears, even
 * by SIGKILL, it sends itself SIGTERM. Azurite's own SIGTERM handler closes its servers and its loki
 * databases, and closing a loki database saves what changed since the last autosave (every 5 s), so a
 * write the host acknowledged just before it died is on disk. `process.exit` here would skip that save.
 * A persistent instance also writes its pid file, so the next host on the same folder waits for it.
 */
export function watchdogScript(azuriteMain: string, pidFile: string | undefined): string {
  return [
    'const parent = process.ppid;',
    // The host held the other end of stderr: writing to it after the host died must not crash the save.
    "process.stderr.on('error', () => {});",
    ...(pidFile
      ? [
          `const pidFile = ${JSON.stringify(pidFile)};`,
          "require('node:fs').writeFileSync(pidFile, String(process.pid));",
          "process.on('exit', () => { try { require('node:fs').rmSync(pidFile, { force: true }); } catch {} });",
        ]
      : []),
    'const watch = setInterval(() => {',
    '  try { process.kill(parent, 0); return; } catch {}',
    '  clearInterval(watch);',
    "  process.kill(process.pid, 'SIGTERM');",
    // Should the graceful close hang, do not stay behind as an orphan holding the storage ports.
    '  setTimeout(() => process.exit(0), 15000).unref();',
    '}, 200);',
    'watch.unref();',
    `require(${JSON.stringify(azuriteMain)});`,
  ].join('\n');
}

/** Alive and not a zombie (an orphan whose exit nobody has collected yet holds nothing). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (not Linux): trust the signal check
  }
}

/**
 * An Azurite whose host just died may still be saving into this folder: wait until it has exited, so the
 * next one loads what it saved (and finds its ports free). A stale pid file (the machine lost power) is
 * ignored.
 */
export async function waitForPreviousAzurite(location: string, timeoutMs = 20_000): Promise<void> {
  const file = azuritePidFile(location);
  let pid: number;
  try {
    pid = Number(fs.readFileSync(file, 'utf8').trim());
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return;
  const deadline = Date.now() + timeoutMs;
  while (fs.existsSync(file) && isAlive(pid)) {
    if (Date.now() > deadline)
      throw new Error(
        `Azurite of a previous run (pid ${pid}) still uses ${location}. Stop it, or choose another DATA_DIR.`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}
