import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerClientBinding } from '../../local/durable/client-binding';
import { invokeFunction } from '../../local/functions-core/invoke-function';
import type { ExecutionRequested } from '../../shared/contracts/run-messages';
import { capturingLogger } from '../http/testing/http-test-kit';
import { startApiFixture, type ApiFixture, admin } from '../api/testing/api-fixture';

// The real execution-queue consumer and the real erase endpoint over Azurite. Storage queues cannot delete
// one tenant's messages, so a message queued before the erase must do nothing after it.
let api: ApiFixture;
const log = capturingLogger();
beforeAll(async () => {
  api = await startApiFixture(
    () => Promise.all([import('./execution-requested.js'), import('../api/tenant-erase.js')]),
    { overrides: () => ({ logger: log.logger }) },
  );
  // A Durable client that answers nothing: only a message that gets past the guard would call it.
  registerClientBinding(api.app, 'http://127.0.0.1:9', 'erasedhub');
});
afterAll(() => api.close());

const executionOf = (tenantId: string): ExecutionRequested => ({
  tenantId,
  runId: randomUUID(),
  reportId: 'r1',
  scheduleId: null,
  trigger: 'manual',
  fireTime: null,
  parameters: {},
  requestedBy: 'alice',
});

/** Delivers a message to the consumer as the Service Bus trigger does; whether the invocation threw. */
async function consume(message: unknown) {
  const fn = api.app.registry.get('executionRequested')!;
  try {
    await invokeFunction(api.app, fn, {
      inputData: [{ name: fn.trigger.name, data: { json: JSON.stringify(message) } }],
    });
    return 'done';
  } catch {
    return 'threw';
  }
}

async function erase(tenantId: string) {
  const call = (query = '') =>
    api.call('eraseTenant', { method: 'DELETE', path: `/api/v1/tenant${query}`, as: admin(tenantId) });
  const { confirmationToken } = (await call()).json as { confirmationToken: string };
  expect((await call(`?confirmationToken=${confirmationToken}`)).status).toBe(200);
}

const dropped = () => log.lines.filter((l) => l.message === 'dropping a message of an erased tenant').length;

describe('a message queued before its tenant was erased', () => {
  it('is dropped by the consumer: no run row, no orchestration; another tenant’s message is worked', async () => {
    const [gone, kept] = [api.tenant('gone'), api.tenant('kept')];
    const queuedBefore = executionOf(gone);
    await erase(gone);

    const before = dropped();
    expect(await consume(queuedBefore)).toBe('done');
    expect(dropped()).toBe(before + 1);
    expect(await api.deps.repos.runs.get(gone, queuedBefore.runId)).toBeUndefined();
    // A batch naming the tenant is dropped the same way.
    expect(await consume({ fires: [executionOf(gone)] })).toBe('done');
    expect(dropped()).toBe(before + 2);

    // The same message of a tenant still here passes the guard: its run row is written, then the
    // orchestration start fails against the unreachable Durable client.
    const other = executionOf(kept);
    await consume(other);
    expect(dropped()).toBe(before + 2);
    expect(await api.deps.repos.runs.get(kept, other.runId)).toBeDefined();
  });
});
