/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call -- envelopes are parsed JSON */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RunningAzurite } from '../../local/azurite/start-azurite';
import { devToken, startHostOnOwnAzurite, waitFor, type HostProcess } from '../support/host-process';

// The local host (`node dist/local/main.js`, run `npm run build` first) with
// APPLICATIONINSIGHTS_CONNECTION_STRING pointing its IngestionEndpoint at a loopback stand-in of the
// Application Insights ingestion API (/v2.1/track), which keeps every envelope the exporter sends. The
// exporter always speaks HTTPS: the stand-in has a throwaway self-signed certificate the host trusts
// through NODE_EXTRA_CA_CERTS.
let azurite: RunningAzurite;
let host: HostProcess;
let ingestion: Server;
const envelopes: any[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ingestion-'));
  const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  ingestion = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const text = body.toString('utf8').trim();
      const items: any[] = text.startsWith('[')
        ? JSON.parse(text)
        : text
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l));
      if (req.url?.includes('/track')) envelopes.push(...items);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => ingestion.listen(port, '127.0.0.1', resolve));
  ({ azurite, host } = await startHostOnOwnAzurite({
    APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:${port}/`,
    NODE_EXTRA_CA_CERTS: cert,
    APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
    OTEL_METRIC_EXPORT_INTERVAL: '2000',
  }));
}, 120_000);

afterAll(async () => {
  await host?.kill('SIGTERM');
  await azurite?.stop();
  await new Promise((resolve) => ingestion?.close(resolve));
});

const kind = (e: any) => String(e.data?.baseType ?? '');
const nameOf = (e: any) => String(e.data?.baseData?.name ?? '');
const operationOf = (e: any) => e.tags?.['ai.operation.id'] as string | undefined;

describe('Application Insights export (loopback ingestion stand-in)', () => {
  it('one operation id spans the HTTP request, the queue consumer and the activities of a run', async () => {
    const token = await devToken(host.url, 'traced');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const report = await fetch(`${host.url}/api/v1/reports`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: 'Traced',
        dataSource: { connectionId: 'demo', sql: 'select region from sales limit 3' },
        template: { body: '<p></p>' },
        outputs: [{ format: 'csv' }],
      }),
    }).then((r) => r.json() as Promise<any>);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const queued = await fetch(`${host.url}/api/v1/reports/${report.id}/runs`, {
      method: 'POST',
      headers: { ...headers, traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    }).then((r) => r.json() as Promise<any>);
    await waitFor(
      'the run to succeed',
      async () => {
        const run = await fetch(`${host.url}/api/v1/runs/${queued.id}`, { headers }).then(
          (r) => r.json() as Promise<any>,
        );
        return run.status === 'succeeded' ? run : undefined;
      },
      120_000,
    );
    const traced = await waitFor(
      'the run’s spans at the ingestion endpoint',
      () => {
        const mine = envelopes.filter((e) => operationOf(e) === traceId);
        const has = (type: string, name: RegExp) =>
          mine.some((e) => kind(e) === type && name.test(nameOf(e)));
        return Promise.resolve(
          has('RequestData', /runs/) &&
            // The consumer's span: a request that is not an HTTP call (the exporter names CONSUMER spans
            // from messaging attributes, which ours do not set, so its name is empty).
            mine.some((e) => kind(e) === 'RequestData' && !/^(GET|POST) /.test(nameOf(e))) &&
            has('RemoteDependencyData', /activity finishRun/)
            ? mine
            : undefined,
        );
      },
      60_000,
      500,
    );
    const names = traced.map((e) => `${kind(e)} ${nameOf(e)}`);
    expect(names).toEqual(expect.arrayContaining([expect.stringMatching(/activity startRun/)]));
    expect(names).toEqual(expect.arrayContaining([expect.stringMatching(/activity extractData/)]));
    // Log lines written inside the spans are correlated too (traces with the same operation id).
    const metricNames = await waitFor(
      'the spec metrics in customMetrics',
      () => {
        const found = new Set(
          envelopes
            .filter((e) => kind(e) === 'MetricData')
            .flatMap((e) => e.data.baseData.metrics.map((m: any) => m.name)),
        );
        return Promise.resolve(found.has('report_generation_duration_seconds') ? found : undefined);
      },
      60_000,
      500,
    );
    expect([...metricNames]).toEqual(
      expect.arrayContaining(['api_request_duration_seconds', 'artifact_size_bytes']),
    );
  }, 300_000);
});
