import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeFunction } from '../functions-core/invoke-function';
import { testConnectionString, uniqueName } from '../../test/support/storage';
import { appSource, testState } from './testing/durable-test-app';
import { isFinal, startTestHost, type TestHost, waitForStatus, writeApp } from './testing/test-host';

/**
 * End-to-end: orchestrators registered with the real durable-functions library, run by the local
 * engine on the test Azurite, driven through `df.getClient()` from an HTTP function (the real client
 * calling the management API) or through the management API directly.
 */

let host: TestHost;
const logs: string[] = [];
const api = (path: string) => `${host.baseUrl}/runtime/webhooks/durabletask/${path}`;

/** Invokes the app's HTTP function, which uses the real durable client against the management API. */
async function httpClient(
  op: string,
  ...args: unknown[]
): Promise<{ status: number; body: Record<string, unknown> }> {
  const fn = host.app.registry.get('client')!;
  const outcome = await invokeFunction(host.app, fn, {
    inputData: [
      {
        name: fn.trigger.name,
        data: {
          http: {
            method: 'POST',
            url: `${host.baseUrl}/api/client`,
            headers: { 'content-type': 'application/json' },
            query: {},
            params: {},
            body: { bytes: Buffer.from(JSON.stringify({ op, args })) },
          },
        },
      },
    ],
  });
  const http = outcome.response.returnValue!.http!;
  return { status: Number(http.statusCode), body: JSON.parse(Buffer.from(http.body!.bytes!).toString()) };
}

async function client<T = unknown>(op: string, ...args: unknown[]): Promise<T> {
  const { body } = await httpClient(op, ...args);
  if (!body.ok) throw new Error(String(body.error));
  return body.result as T;
}

const start = (name: string, input?: unknown, instanceId?: string) =>
  client<string>('startNew', name, {
    ...(input !== undefined ? { input } : {}),
    ...(instanceId ? { instanceId } : {}),
  });
const finished = (id: string, query = '') => waitForStatus(host.baseUrl, id, isFinal, 15_000, query);

beforeAll(async () => {
  host = await startTestHost({
    main: writeApp(appSource),
    connectionString: testConnectionString(),
    taskHub: uniqueName('hub'),
    logs,
    timings: { minIdleMs: 20, maxIdleMs: 200 },
  });
  process.env.WEBSITE_HOSTNAME = new URL(host.baseUrl).host;
});

afterAll(async () => {
  await host?.close();
});

describe.concurrent('the local durable engine', () => {
  it('runs a sequence of activities; the check-status URLs and showHistory work', async () => {
    const check = await httpClient('startAndCheck', 'sequence', undefined, uniqueName('seq'));
    expect(check.status).toBe(202);
    const links = check.body as Record<string, string>;
    expect(links.statusQueryGetUri).toContain(
      `${host.baseUrl}/runtime/webhooks/durabletask/instances/${links.id}?taskHub=`,
    );
    await finished(links.id!);
    const res = await fetch(`${links.statusQueryGetUri}&showHistory=true&showHistoryOutput=true`);
    expect(res.status).toBe(200);
    const status = (await res.json()) as Record<string, unknown>;
    expect(status).toMatchObject({
      name: 'sequence',
      runtimeStatus: 'Completed',
      output: ['Hello Tokyo', 'Hello Seattle', 'Hello London'],
    });
    const events = status.historyEvents as Record<string, unknown>[];
    expect(events.map((e) => e.EventType)).toEqual([
      'ExecutionStarted',
      'TaskCompleted',
      'TaskCompleted',
      'TaskCompleted',
      'ExecutionCompleted',
    ]);
    expect(events[1]).toMatchObject({ FunctionName: 'hello', Result: 'Hello Tokyo' });
    expect(events[1]!.ScheduledTime).toEqual(expect.any(String));
    expect(events[4]).toMatchObject({
      OrchestrationStatus: 'Completed',
      Result: ['Hello Tokyo', 'Hello Seattle', 'Hello London'],
    });
    // Without showHistoryOutput the results stay out, as in the extension.
    const brief = (await (await fetch(`${links.statusQueryGetUri}&showHistory=true`)).json()) as {
      historyEvents: Record<string, unknown>[];
    };
    expect(brief.historyEvents[1]).not.toHaveProperty('Result');
    // The real client reads the same status.
    const viaClient = await client<Record<string, unknown>>('getStatus', links.id);
    expect(viaClient).toMatchObject({ runtimeStatus: 'Completed', instanceId: links.id });
  });

  it('retries a failing activity with backoff (300 ms, then 600 ms) and succeeds on the third attempt', async () => {
    const key = uniqueName('flaky');
    const id = await start('retrying', key);
    const status = await finished(id, '?showHistory=true');
    expect(status).toMatchObject({ runtimeStatus: 'Completed', output: 'ok after 3' });
    const attempts = testState()
      .calls.filter((c) => c.key === key)
      .map((c) => c.at);
    expect(attempts).toHaveLength(3);
    const gaps = [attempts[1]! - attempts[0]!, attempts[2]! - attempts[1]!];
    expect(gaps[0]).toBeGreaterThanOrEqual(300);
    expect(gaps[1]).toBeGreaterThanOrEqual(600);
    // Loose upper bounds: a loaded CI machine delays polling; a unit mix-up (s vs ms) would still fail.
    expect(gaps[0]).toBeLessThan(5_000);
    expect(gaps[1]).toBeLessThan(5_000);
    const types = (status.historyEvents as { EventType: string }[]).map((e) => e.EventType);
    expect(types).toEqual([
      'ExecutionStarted',
      'TaskFailed',
      'TimerCreated',
      'TimerFired',
      'TaskFailed',
      'TimerCreated',
      'TimerFired',
      'TaskCompleted',
      'ExecutionCompleted',
    ]);
  });

  it('fails the orchestration with the activity error once the retries are exhausted', async () => {
    const key = uniqueName('fails');
    const id = await start('exhausted', key);
    const status = await finished(id);
    expect(status.runtimeStatus).toBe('Failed');
    expect(String(status.output)).toContain(`Orchestrator function 'exhausted' failed:`);
    expect(String(status.output)).toContain(`Activity function 'alwaysFails' failed: boom for ${key}`);
    expect(testState().calls.filter((c) => c.key === key)).toHaveLength(2);
  });

  it('waits on a durable timer', async () => {
    const begin = Date.now();
    const id = await start('timer');
    const status = await finished(id);
    const output = status.output as { started: string; resumed: string };
    expect(status.runtimeStatus).toBe('Completed');
    expect(Date.parse(output.resumed) - Date.parse(output.started)).toBeGreaterThanOrEqual(700);
    expect(Date.now() - begin).toBeGreaterThanOrEqual(700);
  });

  it('delivers an external event raised before the orchestrator waits for it', async () => {
    const id = await start('approval', { delayMs: 800 });
    await client('raiseEvent', id, 'approve', { by: 'early' });
    const status = await finished(id);
    expect(status).toMatchObject({ runtimeStatus: 'Completed', output: { answer: { by: 'early' } } });
  });

  it('delivers an external event raised while the orchestrator waits (through the sendEventPostUri link)', async () => {
    const check = await httpClient('startAndCheck', 'approval', undefined, uniqueName('ask'));
    const links = check.body as Record<string, string>;
    await waitForStatus(host.baseUrl, links.id!, (s) => s.customStatus === 'waiting');
    const raised = await fetch(links.sendEventPostUri!.replace('{eventName}', 'approve'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify('yes'),
    });
    expect(raised.status).toBe(202);
    expect(await finished(links.id!)).toMatchObject({
      runtimeStatus: 'Completed',
      output: { answer: 'yes' },
    });
  });

  it('resolves Task.any of an event and a timer by whichever comes first', async () => {
    const eventWins = await start('eventOrTimeout', { timeoutMs: 5000 });
    const timerWins = await start('eventOrTimeout', { timeoutMs: 400 });
    await waitForStatus(host.baseUrl, eventWins, (s) => s.customStatus === 'waiting');
    await client('raiseEvent', eventWins, 'go', 42);
    expect(await finished(eventWins)).toMatchObject({
      runtimeStatus: 'Completed',
      output: { winner: 'event', data: 42 },
    });
    expect(await finished(timerWins)).toMatchObject({
      runtimeStatus: 'Completed',
      output: { winner: 'timeout' },
    });
  });

  it('fans out and in with Task.all', async () => {
    const id = await start('fanOut', 6);
    expect(await finished(id)).toMatchObject({ runtimeStatus: 'Completed', output: 42 });
  });

  it('allocates task ids like durable-functions when retries and timers interleave inside Task.all', async () => {
    // The engine checks its ids against the executor's after every episode and fails the instance on a mismatch.
    const id = await start('fanOutWithRetry', uniqueName('mix'));
    const status = await finished(id);
    expect(status).toMatchObject({
      runtimeStatus: 'Completed',
      output: { a: 2, b: 'ok after 3', d: 4, e: 6 },
    });
  });

  it('runs sub-orchestrations and reports a failing one to the parent', async () => {
    const id = await start('parent', undefined, uniqueName('parent'));
    const status = await finished(id);
    expect(status.runtimeStatus).toBe('Completed');
    const output = status.output as { child: { parent: string; doubled: number }; failure: string };
    expect(output.child).toEqual({ parent: id, doubled: 10 });
    expect(output.failure).toContain(`Orchestrator function 'failingChild' failed: child broke`);
    expect(await finished(`${id}-failing`)).toMatchObject({ runtimeStatus: 'Failed' });
  });

  it('retries a failing sub-orchestration', async () => {
    const key = uniqueName('child');
    const id = await start('retryingParent', key, uniqueName('rp'));
    const status = await finished(id);
    expect(status).toMatchObject({
      runtimeStatus: 'Completed',
      output: { result: 'ok after 3', instanceId: `${id}:0` },
    });
    expect(testState().calls.filter((c) => c.key === key)).toHaveLength(3);
  });

  it('carries payloads larger than a queue message and a table property', async () => {
    const id = await start('large', 200_000);
    const status = await finished(id);
    expect(status.runtimeStatus).toBe('Completed');
    const output = status.output as { length: number; text: string };
    expect(output.length).toBe(200_000);
    expect(output.text).toBe('x'.repeat(200_000));
  });

  it('continues as new with a fresh history', async () => {
    const id = await start('counter', 1);
    const status = await finished(id, '?showHistory=true');
    expect(status).toMatchObject({ runtimeStatus: 'Completed', output: 3, input: 3 });
    const types = (status.historyEvents as { EventType: string }[]).map((e) => e.EventType);
    expect(types).toEqual(['ExecutionStarted', 'TaskCompleted', 'ExecutionCompleted']);
  });

  it('terminates a running instance; raising an event to it afterwards is accepted and ignored (410)', async () => {
    const id = await start('waitForever');
    await waitForStatus(host.baseUrl, id, (s) => s.runtimeStatus === 'Running');
    await client('terminate', id, 'no longer needed');
    expect(await finished(id)).toMatchObject({ runtimeStatus: 'Terminated', output: 'no longer needed' });
    await expect(client('terminate', id, 'again')).resolves.toBeNull(); // 410 Gone, which the client accepts
    await client('raiseEvent', id, 'never', 1);
    const res = await fetch(api(`instances/${id}/raiseEvent/never`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '1',
    });
    expect(res.status).toBe(410);
  });

  it('suspends and resumes an instance', async () => {
    const id = await start('approval');
    await waitForStatus(host.baseUrl, id, (s) => s.customStatus === 'waiting');
    await client('suspend', id, 'hold on');
    await waitForStatus(host.baseUrl, id, (s) => s.runtimeStatus === 'Suspended');
    await client('raiseEvent', id, 'approve', 'while suspended');
    await new Promise((r) => setTimeout(r, 300));
    expect((await waitForStatus(host.baseUrl, id, () => true)).runtimeStatus).toBe('Suspended');
    await client('resume', id, 'go on');
    expect(await finished(id)).toMatchObject({
      runtimeStatus: 'Completed',
      output: { answer: 'while suspended' },
    });
  });

  it('refuses to start over a running instance (409) and restarts over a completed one', async () => {
    const id = uniqueName('again');
    await start('approval', undefined, id);
    await expect(start('approval', undefined, id)).rejects.toThrow(/409/);
    await client('raiseEvent', id, 'approve', 'first');
    expect(await finished(id)).toMatchObject({ output: { answer: 'first' } });
    await start('sequence', undefined, id);
    expect(await finished(id)).toMatchObject({
      name: 'sequence',
      runtimeStatus: 'Completed',
      output: ['Hello Tokyo', 'Hello Seattle', 'Hello London'],
    });
  });

  it('reports an orchestrator changed between episodes as non-deterministic', async () => {
    testState().variant = 'v1';
    const id = await start('changing');
    const completedHello = (s: Record<string, unknown>) =>
      ((s.historyEvents ?? []) as { EventType: string }[]).some((e) => e.EventType === 'TaskCompleted');
    await waitForStatus(host.baseUrl, id, completedHello, 15_000, '?showHistory=true');
    testState().variant = 'v2';
    await client('raiseEvent', id, 'continue', null);
    const status = await finished(id);
    expect(status.runtimeStatus).toBe('Failed');
    expect(String(status.output)).toContain('NonDeterministicOrchestrationException');
    expect(String(status.output)).toContain(
      `returned CallActivity 'hello' as action #0, but the current replay returned CallActivity 'double' instead`,
    );
  });

  it('fails an orchestrator that uses an action the local host does not support', async () => {
    const id = await start('callsHttp');
    const status = await finished(id);
    expect(status.runtimeStatus).toBe('Failed');
    expect(String(status.output)).toContain('CallHttp is not supported by the local host');
  });

  it('lists instances through the client', async () => {
    const id = await start('fanOut', 3);
    await finished(id);
    const all = await client<{ instanceId: string; runtimeStatus: string }[]>('getStatusAll');
    expect(all.find((s) => s.instanceId === id)).toMatchObject({ runtimeStatus: 'Completed' });
  });
});

// Runs after the concurrent block: a purge by filter would take other tests' instances with it.
describe('purging', () => {
  it('purges one instance, and finished instances by filter', async () => {
    const since = new Date().toISOString();
    const a = await start('fanOut', 1);
    const b = await start('fanOut', 2);
    const running = await start('waitForever');
    await finished(a);
    await finished(b);
    expect(await client('purgeInstanceHistory', a)).toEqual({ instancesDeleted: 1 });
    await expect(client('getStatus', a)).rejects.toThrow(/404/);
    expect((await fetch(api(`instances/${running}`), { method: 'DELETE' })).status).toBe(412);
    expect(await client('purgeCreatedSince', since, ['Completed'])).toEqual({ instancesDeleted: 1 });
    expect((await fetch(api(`instances/${b}`))).status).toBe(404);
    expect((await fetch(api(`instances/${running}`))).status).toBe(202);
    expect(await client('purgeCreatedSince', since, ['Completed'])).toEqual({ instancesDeleted: 0 });
  });
});
