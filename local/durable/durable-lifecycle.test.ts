import { describe, expect, it } from 'vitest';
import { uniqueName } from '../../test/support/storage';
import { waitForStatus } from './testing/test-host';
import {
  useDurableTestHost,
  host_,
  api,
  client,
  start,
  finished,
  testState,
} from './testing/durable-runtime-fixture';

useDurableTestHost();

describe.concurrent('the local durable engine: lifecycle', () => {
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
    await waitForStatus(host_().baseUrl, id, (s) => s.runtimeStatus === 'Running');
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
    await waitForStatus(host_().baseUrl, id, (s) => s.customStatus === 'waiting');
    await client('suspend', id, 'hold on');
    await waitForStatus(host_().baseUrl, id, (s) => s.runtimeStatus === 'Suspended');
    await client('raiseEvent', id, 'approve', 'while suspended');
    await new Promise((r) => setTimeout(r, 300));
    expect((await waitForStatus(host_().baseUrl, id, () => true)).runtimeStatus).toBe('Suspended');
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
    await waitForStatus(host_().baseUrl, id, completedHello, 15_000, '?showHistory=true');
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
