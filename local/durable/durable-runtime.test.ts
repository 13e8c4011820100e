import { describe, expect, it } from 'vitest';
import { uniqueName } from '../../test/support/storage';
import { waitForStatus } from './testing/test-host';
import {
  useDurableTestHost,
  host_,
  httpClient,
  client,
  start,
  finished,
  testState,
} from './testing/durable-runtime-fixture';

useDurableTestHost();

describe.concurrent('the local durable engine', () => {
  it('runs a sequence of activities; the check-status URLs and showHistory work', async () => {
    const check = await httpClient('startAndCheck', 'sequence', undefined, uniqueName('seq'));
    expect(check.status).toBe(202);
    const links = check.body as Record<string, string>;
    expect(links.statusQueryGetUri).toContain(
      `${host_().baseUrl}/runtime/webhooks/durabletask/instances/${links.id}?taskHub=`,
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
    await waitForStatus(host_().baseUrl, links.id!, (s) => s.customStatus === 'waiting');
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
    await waitForStatus(host_().baseUrl, eventWins, (s) => s.customStatus === 'waiting');
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
});
