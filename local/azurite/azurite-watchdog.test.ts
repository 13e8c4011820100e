import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { azuritePidFile, waitForPreviousAzurite } from './azurite-watchdog';

function tempLocation(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rs-pid-'));
}

describe('waitForPreviousAzurite', () => {
  it('waits until the Azurite recorded in the folder has exited', async () => {
    const location = tempLocation();
    const previous = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    fs.writeFileSync(azuritePidFile(location), String(previous.pid));
    let done = false;
    const waiting = waitForPreviousAzurite(location).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(done).toBe(false);
    previous.kill('SIGKILL');
    await waiting;
    expect(done).toBe(true);
  });

  it('names a previous Azurite that does not go away', async () => {
    const location = tempLocation();
    const previous = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    fs.writeFileSync(azuritePidFile(location), String(previous.pid));
    await expect(waitForPreviousAzurite(location, 300)).rejects.toThrow(`pid ${previous.pid}`);
    previous.kill('SIGKILL');
  });

  it('ignores a folder without a pid file, and a stale one', async () => {
    const location = tempLocation();
    await waitForPreviousAzurite(location);
    fs.writeFileSync(azuritePidFile(location), '999999999');
    await waitForPreviousAzurite(location, 100);
  });
});
