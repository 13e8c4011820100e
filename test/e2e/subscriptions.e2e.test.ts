import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/azurite/start-azurite';
import {
  startLoopbackReceiver,
  type LoopbackReceiver,
} from '../../shared/adapters/channels/testing/loopback-receiver';
import { devToken, startHostProcess, waitFor, type HostProcess } from '../support/host-process';

interface Event {
  id: string;
  type: string;
  tenantId: string;
  data: { run?: { id: string; status: string }; artifact?: { id: string; runId: string; checksum: string } };
}

let host: HostProcess;
let receiver: LoopbackReceiver;

beforeAll(async () => {
  receiver = await startLoopbackReceiver((_req, res) => res.writeHead(204).end());
  host = await startHostProcess(
    {
      AZURITE_BLOB_PORT: String(await freePort()),
      AZURITE_QUEUE_PORT: String(await freePort()),
      AZURITE_TABLE_PORT: String(await freePort()),
      DEMO_SALES_ROWS: '20000',
      DATA_DIR: `/tmp/rs-e2e-subs-${process.pid}`,
      OUTBOUND_ALLOWLIST: receiver.hostPort,
    },
    ['--in-memory'],
  );
  await host.ready(90_000);
}, 100_000);

afterAll(async () => {
  await host?.kill('SIGTERM');
  await receiver?.close();
});

const eventsAt = (path: string) =>
  receiver.received
    .filter((r) => r.path === path)
    .map((r) => ({ event: JSON.parse(r.body.toString('utf8')) as Event, request: r }));

describe('event subscriptions on the local host (npm start shape)', () => {
  it('a triggered run reaches the subscriber signed; after DELETE on the Location nothing more arrives', async () => {
    const token = await devToken(host.url, 'demo');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const subscribe = async (path: string, events: string[]) => {
      const res = await fetch(`${host.url}/api/v1/subscriptions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ url: `${receiver.base}${path}`, events }),
      });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { id: string; secret: string };
      // Absolute, on PUBLIC_BASE_URL (the host's configured public origin, not this test's port).
      const location = new URL(res.headers.get('location')!);
      expect(location.pathname).toBe(`/api/v1/subscriptions/${body.id}`);
      return { ...body, location: `${host.url}${location.pathname}` };
    };
    const trigger = async () => {
      const res = await fetch(`${host.url}/api/v1/schedules/demo-every-minute/trigger`, {
        method: 'POST',
        headers,
      });
      expect(res.status).toBe(202);
      return ((await res.json()) as { runId: string }).runId;
    };
    const a = await subscribe('/a', ['run.succeeded', 'artifact.created']);
    await subscribe('/b', ['run.succeeded']);

    const run1 = await trigger();
    const succeeded = await waitFor(
      'run.succeeded at /a',
      () =>
        Promise.resolve(
          eventsAt('/a').find(({ event }) => event.type === 'run.succeeded' && event.data.run?.id === run1),
        ),
      90_000,
    );
    const created = await waitFor(
      'artifact.created at /a',
      () =>
        Promise.resolve(
          eventsAt('/a').find(
            ({ event }) => event.type === 'artifact.created' && event.data.artifact?.runId === run1,
          ),
        ),
      30_000,
    );
    for (const { event, request } of [succeeded, created]) {
      expect(request.headers['x-event-id']).toBe(event.id);
      expect(event.tenantId).toBe('demo');
      const [t, v1] = String(request.headers['x-signature'])
        .split(',')
        .map((p) => p.split('=')[1]);
      expect(createHmac('sha256', a.secret).update(`${t}.`).update(request.body).digest('hex')).toBe(v1);
    }
    const artifact = (await (
      await fetch(`${host.url}/api/v1/artifacts/${created.event.data.artifact!.id}`, { headers })
    ).json()) as { checksum: string };
    expect(created.event.data.artifact!.checksum).toBe(artifact.checksum);

    const deleted = await fetch(a.location, {
      method: 'DELETE',
      headers: { authorization: headers.authorization },
    });
    expect(deleted.status).toBe(204);
    const run2 = await trigger();
    await waitFor(
      'run 2 at /b',
      () => Promise.resolve(eventsAt('/b').find(({ event }) => event.data.run?.id === run2)),
      90_000,
    );
    const afterDelete = eventsAt('/a').filter(
      ({ event }) => event.data.run?.id === run2 || event.data.artifact?.runId === run2,
    );
    expect(afterDelete).toEqual([]);
  }, 240_000);
});
