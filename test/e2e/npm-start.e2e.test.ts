import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/azurite/start-azurite';
import { devToken, startHostProcess, waitFor, type HostProcess } from '../support/host-process';

interface Run {
  id: string;
  status: string;
  reportId: string;
}
interface Artifact {
  id: string;
  checksum: string;
  bytes: number;
  runId: string;
}

let host: HostProcess;

beforeAll(async () => {
  host = await startHostProcess(
    {
      AZURITE_BLOB_PORT: String(await freePort()),
      AZURITE_QUEUE_PORT: String(await freePort()),
      AZURITE_TABLE_PORT: String(await freePort()),
      DEMO_SALES_ROWS: '50000',
      DATA_DIR: `/tmp/rs-e2e-${process.pid}`,
    },
    ['--in-memory'],
  );
  await host.ready(90_000);
}, 100_000);

afterAll(async () => {
  await host.kill('SIGTERM');
});

describe('npm start (the local host as a child process, in memory)', () => {
  it('generates the demo report on its schedule; the downloaded file matches its checksum', async () => {
    const token = await devToken(host.url, 'demo');
    const auth = { authorization: `Bearer ${token}` };
    const run = await waitFor(
      'a succeeded demo run',
      async () => {
        const res = await fetch(`${host.url}/api/v1/runs`, { headers: auth });
        const body = (await res.json()) as { items: Run[] };
        return body.items.find((r) => r.status === 'succeeded');
      },
      90_000,
      1000,
    );
    expect(run.reportId).toBe('demo-sales-by-region');

    const list = (await (
      await fetch(`${host.url}/api/v1/artifacts?runId=${run.id}`, { headers: auth })
    ).json()) as {
      items: Artifact[];
    };
    expect(list.items).toHaveLength(1);
    const artifact = list.items[0]!;
    const download = await fetch(`${host.url}/api/v1/artifacts/${artifact.id}/download`, { headers: auth });
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.length).toBe(artifact.bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(artifact.checksum);
    expect(bytes.toString('utf8').split('\r\n')[0]).toBe('region,revenue,orders,units');

    // A fresh signed URL downloads the same bytes straight from Blob storage.
    const renewed = await fetch(`${host.url}/api/v1/artifacts/${artifact.id}/renew-url`, {
      method: 'POST',
      headers: auth,
    });
    expect(renewed.status).toBe(200);
    const { url } = (await renewed.json()) as { url: string };
    expect(
      createHash('sha256')
        .update(Buffer.from(await (await fetch(url)).arrayBuffer()))
        .digest('hex'),
    ).toBe(artifact.checksum);

    // A finished run cannot be cancelled; a viewer cannot cancel at all.
    expect(
      (await fetch(`${host.url}/api/v1/runs/${run.id}/cancel`, { method: 'POST', headers: auth })).status,
    ).toBe(409);
    const viewer = { authorization: `Bearer ${await devToken(host.url, 'demo', ['viewer'])}` };
    expect(
      (await fetch(`${host.url}/api/v1/runs/${run.id}/cancel`, { method: 'POST', headers: viewer })).status,
    ).toBe(403);

    // Another tenant sees none of it.
    const other = { authorization: `Bearer ${await devToken(host.url, 'other-tenant')}` };
    expect(
      ((await (await fetch(`${host.url}/api/v1/runs`, { headers: other })).json()) as { items: Run[] }).items,
    ).toEqual([]);
    expect((await fetch(`${host.url}/api/v1/artifacts/${artifact.id}`, { headers: other })).status).toBe(404);
    expect(
      (await fetch(`${host.url}/api/v1/artifacts/${artifact.id}/download`, { headers: other })).status,
    ).toBe(404);
    expect((await fetch(`${host.url}/api/v1/runs/${run.id}`, { headers: other })).status).toBe(404);
    expect(
      (await fetch(`${host.url}/api/v1/runs/${run.id}/cancel`, { method: 'POST', headers: other })).status,
    ).toBe(404);
  }, 120_000);

  it('answers unknown routes, bad tokens and bad queries with the envelope, never a 500', async () => {
    const token = await devToken(host.url, 'demo', ['viewer']);
    const cases: [string, RequestInit, number, string][] = [
      ['/api/v1/no-such-thing', {}, 404, 'NOT_FOUND'],
      ['/api/v1/runs', { headers: { authorization: 'Bearer not-a-jwt' } }, 401, 'UNAUTHENTICATED'],
      ['/api/v1/runs', {}, 401, 'UNAUTHENTICATED'],
      ['/api/v1/runs?limit=1000', { headers: { authorization: `Bearer ${token}` } }, 400, 'VALIDATION_ERROR'],
      [
        '/api/v1/runs?colour=blue',
        { headers: { authorization: `Bearer ${token}` } },
        400,
        'VALIDATION_ERROR',
      ],
      [
        '/api/v1/runs?cursor=%21%21',
        { headers: { authorization: `Bearer ${token}` } },
        400,
        'VALIDATION_ERROR',
      ],
      [
        '/api/v1/dev/token',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"tenantId":' },
        400,
        'MALFORMED_JSON',
      ],
    ];
    for (const [path, init, status, code] of cases) {
      const res = await fetch(`${host.url}${path}`, init);
      const body = (await res.json()) as { error: { code: string; requestId: string; timestamp: string } };
      expect([path, res.status, body.error.code]).toEqual([path, status, code]);
      expect(res.headers.get('x-request-id')).toBe(body.error.requestId);
    }
  });
});
