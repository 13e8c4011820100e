import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/azurite/start-azurite';
import type { ExecutionRun } from '../../shared/contracts/run';
import { devToken, startHostProcess, type HostProcess } from '../support/host-process';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-ack-'));
const hosts: HostProcess[] = [];

afterAll(async () => {
  for (const host of hosts) await host.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** `npm start` on one DATA_DIR with its own Azurite (on the same ports each time), as a user runs it. */
async function startHost(ports: Record<string, string>): Promise<HostProcess> {
  const host = await startHostProcess({ ...ports, DATA_DIR: dataDir, DEMO_SALES_ROWS: '1000' });
  hosts.push(host);
  await host.ready();
  return host;
}

describe('the app process killed right after a write was acknowledged', () => {
  it('finds the acknowledged run after a restart (Azurite saves when its parent dies)', async () => {
    const ports = {
      AZURITE_BLOB_PORT: String(await freePort()),
      AZURITE_QUEUE_PORT: String(await freePort()),
      AZURITE_TABLE_PORT: String(await freePort()),
    };
    const first = await startHost(ports);
    const token = await devToken(first.url, 'demo');
    const created = await fetch(`${first.url}/api/v1/reports/demo-sales-by-region/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(created.status).toBe(202);
    const run = (await created.json()) as ExecutionRun;
    // Only the app process dies; its Azurite child sees its parent gone and must save before it exits.
    await first.kill('SIGKILL');

    const second = await startHost(ports);
    const res = await fetch(`${second.url}/api/v1/runs/${run.id}`, {
      headers: { authorization: `Bearer ${await devToken(second.url, 'demo')}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as ExecutionRun).reportId).toBe('demo-sales-by-region');
  }, 240_000);
});
