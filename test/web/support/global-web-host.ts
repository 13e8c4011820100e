import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../../local/azurite/start-azurite';
import { startHostProcess, type HostProcess } from '../../support/host-process';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The one local host every browser test talks to (`node dist/local/main.js`, in memory, demo data). */
    webHostUrl: string;
    /** The web app it serves (WEB_ROOT, default dist/web). */
    webRoot: string;
  }
}

let host: HostProcess | undefined;
let dataDir: string | undefined;

/**
 * vitest globalSetup of the "web" project: starts the built local host once for all browser test files,
 * on free ports, with its own in-memory Azurite and the demo tenant, and provides its URL.
 */
export async function setup(project: TestProject): Promise<void> {
  const main = path.resolve('dist/local/main.js');
  if (!fs.existsSync(main))
    throw new Error(
      `Browser tests start the built host, and ${main} does not exist: run \`npm run build\` first.`,
    );
  const webRoot = path.resolve(process.env.WEB_ROOT ?? 'dist/web');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-web-host-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  host = await startHostProcess(
    {
      PORT: String(port),
      PUBLIC_BASE_URL: url,
      WEB_ROOT: webRoot,
      AZURITE_BLOB_PORT: String(await freePort()),
      AZURITE_QUEUE_PORT: String(await freePort()),
      AZURITE_TABLE_PORT: String(await freePort()),
      DEMO_SALES_ROWS: '50000',
      DATA_DIR: dataDir,
    },
    ['--in-memory'],
  );
  await host.ready(120_000);
  project.provide('webHostUrl', host.url);
  project.provide('webRoot', webRoot);
}

export async function teardown(): Promise<void> {
  await host?.kill('SIGTERM');
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
