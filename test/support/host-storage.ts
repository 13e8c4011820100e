import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { freePort, startAzurite, type RunningAzurite } from '../../local/azurite/start-azurite';
import { startHostProcess, type HostProcess } from './host-process';

/** An Azurite and a DATA_DIR that outlive the local host processes started on them (crash and restart tests). */
export interface HostStorage {
  connectionString: string;
  dataDir: string;
  /** Starts `node dist/local/main.js` on this storage (no demo seed) and waits until it is healthy. */
  startHost(env?: Record<string, string>): Promise<HostProcess>;
}

/**
 * Registers the file's beforeAll / afterAll: Azurite on free ports under a fresh temporary DATA_DIR; at
 * the end every host started is killed, Azurite stopped and the folder removed.
 */
export function useHostStorage(prefix: string, options: { inMemory?: boolean } = {}): () => HostStorage {
  let azurite: RunningAzurite | undefined;
  let dataDir = '';
  const hosts: HostProcess[] = [];
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
    azurite = await startAzurite({
      location: path.join(dataDir, 'azurite'),
      inMemory: options.inMemory ?? false,
      blobPort: await freePort(),
      queuePort: await freePort(),
      tablePort: await freePort(),
    });
  }, 60_000);
  afterAll(async () => {
    for (const host of hosts) await host.kill();
    await azurite?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return () => {
    if (!azurite) throw new Error('useHostStorage: Azurite is not started yet (use it inside a test)');
    const connectionString = azurite.connectionString;
    return {
      connectionString,
      dataDir,
      async startHost(env = {}) {
        const host = await startHostProcess({
          STORAGE_CONNECTION_STRING: connectionString,
          DATA_DIR: dataDir,
          SEED_DEMO: 'false',
          ...env,
        });
        hosts.push(host);
        await host.ready();
        return host;
      },
    };
  };
}
