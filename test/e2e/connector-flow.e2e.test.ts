/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- reads the connector JSON as Power Automate does */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/azurite/start-azurite';
import {
  startLoopbackReceiver,
  type LoopbackReceiver,
} from '../../shared/adapters/channels/testing/loopback-receiver';
import { devToken, startHostProcess, waitFor, type HostProcess } from '../support/host-process';

/**
 * Power Automate's part, played with nothing but the connector file: the trigger and actions are
 * found by what the swagger says (x-ms-trigger, operationId, x-ms-notification-url, x-ms-dynamic-values),
 * called on the host at the file's basePath + path, the way the platform calls a custom connector.
 */
const swagger = JSON.parse(readFileSync(path.resolve('connector/apiDefinition.swagger.json'), 'utf8'));

interface Operation {
  path: string;
  method: string;
  op: any;
}
const operations: Operation[] = Object.entries(swagger.paths as Record<string, any>).flatMap(([p, item]) =>
  Object.entries(item)
    .filter(([method]) => !method.startsWith('x-'))
    .map(([method, op]) => ({ path: p, method, op })),
);
const byOperationId = (id: string) => operations.find((o) => o.op.operationId === id)!;

let host: HostProcess;
let receiver: LoopbackReceiver;
let token: string;

beforeAll(async () => {
  receiver = await startLoopbackReceiver((_req, res) => res.writeHead(202).end());
  const port = await freePort();
  host = await startHostProcess(
    {
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      AZURITE_BLOB_PORT: String(await freePort()),
      AZURITE_QUEUE_PORT: String(await freePort()),
      AZURITE_TABLE_PORT: String(await freePort()),
      DATA_DIR: `/tmp/rs-e2e-connector-${process.pid}`,
      OUTBOUND_ALLOWLIST: receiver.hostPort,
      RUN_RESULT_RETRY_AFTER_SECONDS: '1',
    },
    ['--in-memory'],
  );
  await host.ready(90_000);
  token = await devToken(host.url, 'demo');
}, 120_000);

afterAll(async () => {
  await host?.kill('SIGTERM');
  await receiver?.close();
});

/** Calls an operation as the connector runtime does: path parameters filled, query, JSON body, the token. */
async function invoke(
  { path: template, method }: Operation,
  params: Record<string, string> = {},
  body?: unknown,
) {
  const url = new URL(`${host.url}${swagger.basePath.replace(/\/$/, '')}${template}`);
  url.pathname = url.pathname.replace(/%7B(\w+)%7D/g, (_m, name: string) =>
    encodeURIComponent(params[name]!),
  );
  for (const [name, value] of Object.entries(params))
    if (!template.includes(`{${name}}`)) url.searchParams.set(name, value);
  return fetch(url, {
    method: method.toUpperCase(),
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** What a picker (x-ms-dynamic-values) lists for a parameter: value and title of each item. */
async function pick(parameter: any): Promise<{ value: string; title: string }[]> {
  const dynamic = parameter['x-ms-dynamic-values'];
  const res = await invoke(byOperationId(dynamic.operationId), dynamic.parameters ?? {});
  expect(res.status).toBe(200);
  const items = ((await res.json()) as any)[dynamic['value-collection']] as any[];
  return items.map((item) => ({ value: item[dynamic['value-path']], title: item[dynamic['value-title']] }));
}

/**
 * What the platform does with an action marked `x-ms-long-running-operation`: while the answer is 202 it
 * waits `Retry-After` seconds and GETs `Location` (with the connection's token); the first other answer is
 * the action's output.
 */
async function awaitLongRunning(first: Response): Promise<{ response: Response; polls: number }> {
  let response = first;
  let polls = 0;
  while (response.status === 202) {
    const location = response.headers.get('location');
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(location, 'a 202 of a long-running action carries Location').toBeTruthy();
    expect(retryAfter, 'and Retry-After in seconds').toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    response = await fetch(location!, { headers: { authorization: `Bearer ${token}` } });
    polls += 1;
    if (polls > 120) throw new Error('the run never finished');
  }
  return { response, polls };
}

function signatureValid(header: string, body: Buffer, secret: string): boolean {
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = parts.find(([k]) => k === 't')?.[1];
  const expected = createHmac('sha256', secret).update(`${t}.`).update(body).digest();
  return parts.some(([k, v]) => k === 'v1' && timingSafeEqual(Buffer.from(v!, 'hex'), expected));
}

describe('the connector, used as Power Automate uses it', () => {
  it('subscribes with the trigger, runs a report with the action and waits for it, receives the signed event, unsubscribes at Location', async () => {
    // 1. Saving a flow with "When a report run succeeds": POST the callback URL into the notification-url field.
    const trigger = operations.find(
      (o) => o.op['x-ms-trigger'] === 'single' && o.op.summary === 'When a report run succeeds',
    )!;
    const bodyParam = trigger.op.parameters.find((p: any) => p.in === 'body');
    const fields = Object.entries(bodyParam.schema.properties as Record<string, any>);
    const callbackField = fields.find(([, schema]) => schema['x-ms-notification-url'] === true)![0];
    const callbackUrl = `${receiver.base}/workflows/flow-1/triggers/manual/paths/invoke?api-version=2016-06-01&sig=flowsig123`;
    const subscription = Object.fromEntries([
      ...fields
        .filter(([, schema]) => schema.default !== undefined)
        .map(([name, schema]) => [name, schema.default]),
      [callbackField, callbackUrl],
    ]);
    const subscribed = await invoke(trigger, {}, subscription);
    expect(subscribed.status).toBe(201);
    expect(Object.keys(trigger.op.responses)).toContain('201');
    const location = subscribed.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${host.url}/api/v1/subscriptions/`));
    const { secret } = (await subscribed.json()) as { secret: string };

    // 2. Pause the demo schedule (its picker), so only the run the flow starts is ours to wait for.
    const pause = byOperationId('pauseSchedule');
    const schedules = await pick(pause.op.parameters[0]);
    expect(schedules.map((s) => s.title)).toContain('Every minute');
    const scheduleId = schedules.find((s) => s.title === 'Every minute')!.value;
    expect((await invoke(pause, { id: scheduleId })).status).toBe(200);

    // 3. "Run a report now and wait for the result": the report from its picker, a parameter value in the
    // body; a long-running action, so the platform polls Location until the result.
    const runNow = byOperationId('runReportNow');
    expect(runNow.op['x-ms-long-running-operation']).toBe(true);
    const reports = await pick(runNow.op.parameters.find((p: any) => p.name === 'id'));
    const report = reports.find((r) => r.title === 'Sales by region')!;
    const started = await invoke(runNow, { id: report.value }, { parameters: { minQuantity: 2 } });
    expect(started.status).toBe(202);
    const run = (await started.json()) as { id: string; parameters: Record<string, unknown> };
    expect(run.parameters).toMatchObject({ minQuantity: 2 });
    const { response: finished, polls } = await awaitLongRunning(started);
    expect(polls).toBeGreaterThan(0);
    expect(finished.status).toBe(200);
    const output = (await finished.json()) as {
      runId: string;
      status: string;
      artifacts: { url: string; bytes: number }[];
    };
    const outputSchema = swagger.definitions.RunResult;
    for (const field of outputSchema.required as string[]) expect(output, field).toHaveProperty(field);
    expect(output).toMatchObject({ runId: run.id, status: 'succeeded' });
    expect(output.artifacts.length).toBeGreaterThan(0);
    for (const artifact of output.artifacts) {
      const file = await fetch(artifact.url);
      expect(file.status).toBe(200);
      expect((await file.arrayBuffer()).byteLength).toBe(artifact.bytes);
    }

    // 4. The notification reaches the callback URL, signed; it has what x-ms-notification-content promises.
    const received = await waitFor(
      'run.succeeded at the callback URL',
      () =>
        Promise.resolve(
          receiver.received.find(
            (r) =>
              r.path.startsWith('/workflows/flow-1/') &&
              JSON.parse(r.body.toString('utf8')).data?.run?.id === run.id,
          ),
        ),
      90_000,
    );
    expect(received.path).toContain('sig=flowsig123');
    expect(signatureValid(String(received.headers['x-signature']), received.body, secret)).toBe(true);
    const event = JSON.parse(received.body.toString('utf8'));
    const promised = swagger.paths[trigger.path]['x-ms-notification-content'].schema;
    for (const field of Object.keys(promised.properties)) expect(event, field).toHaveProperty(field);
    for (const field of Object.keys(promised.properties.data.properties.run.properties).filter(
      (f) => f !== 'error',
    ))
      expect(event.data.run, field).toHaveProperty(field);
    expect(event).toMatchObject({ type: 'run.succeeded', data: { run: { status: 'succeeded' } } });

    // 5. "Get a run", "List the files of a run", "Get a download link for a file" — then download it.
    const got = await invoke(byOperationId('getRun'), { id: run.id });
    expect(((await got.json()) as { status: string }).status).toBe('succeeded');
    const files = (await (await invoke(byOperationId('listArtifacts'), { runId: run.id })).json()) as {
      items: { id: string }[];
    };
    expect(files.items.length).toBeGreaterThan(0);
    const link = (await (await invoke(byOperationId('getArtifact'), { id: files.items[0]!.id })).json()) as {
      url: string;
    };
    const download = await fetch(link.url);
    expect(download.status).toBe(200);

    // 6. Resume the schedule; removing the trigger DELETEs the Location it stored.
    expect((await invoke(byOperationId('resumeSchedule'), { id: scheduleId })).status).toBe(200);
    const deleted = await fetch(location, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(deleted.status).toBe(204);
    expect((await fetch(location, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
  }, 240_000);
});
