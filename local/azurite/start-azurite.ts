import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { azuritePidFile, waitForPreviousAzurite, watchdogScript } from './azurite-watchdog';

export interface AzuriteOptions {
  /** Where Azurite keeps its data; ignored when inMemory. */
  location: string;
  inMemory: boolean;
  blobPort: number;
  queuePort: number;
  tablePort: number;
  host?: string;
}

export interface RunningAzurite {
  connectionString: string;
  blobEndpoint: string;
  queueEndpoint: string;
  tableEndpoint: string;
  stop(): Promise<void>;
}

/** The well-known development account every Azurite instance accepts. */
export const devAccount = {
  name: 'devstoreaccount1',
  key: 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
};

export function azuriteConnectionString(
  host: string,
  ports: { blob: number; queue: number; table: number },
): string {
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${devAccount.name}`,
    `AccountKey=${devAccount.key}`,
    `BlobEndpoint=http://${host}:${ports.blob}/${devAccount.name}`,
    `QueueEndpoint=http://${host}:${ports.queue}/${devAccount.name}`,
    `TableEndpoint=http://${host}:${ports.table}/${devAccount.name}`,
  ].join(';');
}

/** Fails with a clear message when a port is already taken (Azurite's own error is cryptic). */
export async function assertPortFree(port: number, host: string, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          err.code === 'EADDRINUSE'
            ? `Port ${port} (${what}) is already in use. Stop whatever holds it or choose another port.`
            : `Port ${port} (${what}) cannot be used: ${err.message}`,
        ),
      ),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/** Asks the OS for a free loopback port. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForPort(
  port: number,
  host: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Azurite exited early with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, host);
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Azurite did not answer on ${host}:${port} within ${timeoutMs} ms`);
}

/** Starts Azurite (blob, queue, table) as a child process and waits until all three answer. */
export async function startAzurite(options: AzuriteOptions): Promise<RunningAzurite> {
  const host = options.host ?? '127.0.0.1';
  if (!options.inMemory) await waitForPreviousAzurite(path.resolve(options.location));
  await assertPortFree(options.blobPort, host, 'Azurite blob');
  await assertPortFree(options.queuePort, host, 'Azurite queue');
  await assertPortFree(options.tablePort, host, 'Azurite table');
  const args = [
    '-e',
    watchdogScript(
      require.resolve('azurite/dist/src/azurite.js'),
      options.inMemory ? undefined : azuritePidFile(path.resolve(options.location)),
    ),
    'azurite', // argv[1]: Azurite's argument parser skips the first two entries
    '--silent',
    '--disableTelemetry',
    '--skipApiVersionCheck',
    '--loose',
    '--disableProductStyleUrl',
    '--blobHost',
    host,
    '--blobPort',
    String(options.blobPort),
    '--queueHost',
    host,
    '--queuePort',
    String(options.queuePort),
    '--tableHost',
    host,
    '--tablePort',
    String(options.tablePort),
  ];
  if (options.inMemory) {
    args.push('--inMemoryPersistence');
  } else {
    fs.mkdirSync(options.location, { recursive: true });
    args.push('--location', path.resolve(options.location));
  }
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  try {
    for (const port of [options.blobPort, options.queuePort, options.tablePort]) {
      await waitForPort(port, host, child, 30_000);
    }
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${stderr}`, { cause: err });
  }
  const ports = { blob: options.blobPort, queue: options.queuePort, table: options.tablePort };
  return {
    connectionString: azuriteConnectionString(host, ports),
    blobEndpoint: `http://${host}:${ports.blob}/${devAccount.name}`,
    queueEndpoint: `http://${host}:${ports.queue}/${devAccount.name}`,
    tableEndpoint: `http://${host}:${ports.table}/${devAccount.name}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
