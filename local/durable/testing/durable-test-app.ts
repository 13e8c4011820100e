import type { HttpRequest } from '@azure/functions';
import * as df from 'durable-functions';
import type { DurableClient, OrchestrationContext, Task, TimerTask } from 'durable-functions';
import { record, testState } from './durable-test-state';

/**
 * The orchestrations, activities and HTTP client function the durable-engine tests run, registered with
 * the real durable-functions library. Load it through `loadApp(() => import(...))`, after the core API.
 */
const state = testState();

df.app.activity('hello', { handler: (name: string) => `Hello ${name}` });
df.app.activity('double', { handler: (n: number) => n * 2 });
df.app.activity('flaky', {
  handler: (key: string) => {
    record('flaky', key);
    const n = (state.attempts[key] = (state.attempts[key] ?? 0) + 1);
    if (n <= 2) throw new Error(`flaky attempt ${n} failed`);
    return `ok after ${n}`;
  },
});
df.app.activity('alwaysFails', {
  handler: (key: string) => {
    record('alwaysFails', key);
    throw new Error(`boom for ${key}`);
  },
});
df.app.activity('big', { handler: (n: number) => 'x'.repeat(n) });

const input = <T>(ctx: OrchestrationContext) => ctx.df.getInput<T>();
const after = (ctx: OrchestrationContext, ms: number) =>
  ctx.df.createTimer(new Date(ctx.df.currentUtcDateTime.getTime() + ms));

df.app.orchestration('large', function* (ctx) {
  const text = (yield ctx.df.callActivity('big', input<number>(ctx))) as string;
  return { length: text.length, text };
});
df.app.orchestration('retryingParent', function* (ctx) {
  return (yield ctx.df.callSubOrchestratorWithRetry(
    'flakyChild',
    new df.RetryOptions(100, 3),
    input(ctx),
  )) as unknown;
});
df.app.orchestration('flakyChild', function* (ctx) {
  const result: unknown = yield ctx.df.callActivity('flaky', input<string>(ctx));
  return { result, instanceId: ctx.df.instanceId };
});
df.app.orchestration('sequence', function* (ctx) {
  const out: unknown[] = [];
  for (const city of ['Tokyo', 'Seattle', 'London']) out.push(yield ctx.df.callActivity('hello', city));
  return out;
});
df.app.orchestration('retrying', function* (ctx) {
  const options = new df.RetryOptions(300, 3);
  options.backoffCoefficient = 2;
  return (yield ctx.df.callActivityWithRetry('flaky', options, input(ctx))) as unknown;
});
df.app.orchestration('exhausted', function* (ctx) {
  return (yield ctx.df.callActivityWithRetry(
    'alwaysFails',
    new df.RetryOptions(200, 2),
    input(ctx),
  )) as unknown;
});
df.app.orchestration('timer', function* (ctx) {
  const start = ctx.df.currentUtcDateTime;
  yield after(ctx, 700);
  return { started: start.toISOString(), resumed: ctx.df.currentUtcDateTime.toISOString() };
});
df.app.orchestration('approval', function* (ctx) {
  const { delayMs } = input<{ delayMs?: number } | undefined>(ctx) ?? {};
  if (delayMs) yield after(ctx, delayMs);
  ctx.df.setCustomStatus('waiting');
  const answer: unknown = yield ctx.df.waitForExternalEvent('approve');
  return { answer };
});
df.app.orchestration('eventOrTimeout', function* (ctx) {
  const event = ctx.df.waitForExternalEvent('go');
  const timeout: TimerTask = after(ctx, input<{ timeoutMs: number }>(ctx).timeoutMs);
  ctx.df.setCustomStatus('waiting');
  const winner = (yield ctx.df.Task.any([event, timeout])) as Task;
  if (winner === event) {
    timeout.cancel();
    return { winner: 'event', data: event.result };
  }
  return { winner: 'timeout' };
});
df.app.orchestration('fanOut', function* (ctx) {
  const tasks: Task[] = [];
  for (let i = 1; i <= input<number>(ctx); i++) tasks.push(ctx.df.callActivity('double', i));
  const results = (yield ctx.df.Task.all(tasks)) as number[];
  return results.reduce((a, b) => a + b, 0);
});
df.app.orchestration('fanOutWithRetry', function* (ctx) {
  const tasks = [
    ctx.df.callActivity('double', 1),
    ctx.df.callActivityWithRetry('flaky', new df.RetryOptions(150, 3), input(ctx)),
    after(ctx, 200),
    ctx.df.callActivity('double', 2),
  ];
  const [a, b, , d] = (yield ctx.df.Task.all(tasks)) as unknown[];
  const e: unknown = yield ctx.df.callActivity('double', 3);
  return { a, b, d, e };
});
df.app.orchestration('parent', function* (ctx) {
  const child: unknown = yield ctx.df.callSubOrchestrator('child', { n: 5 });
  let failure: string | undefined;
  try {
    yield ctx.df.callSubOrchestrator('failingChild', null, `${ctx.df.instanceId}-failing`);
  } catch (e) {
    failure = (e as Error).message;
  }
  return { child, failure };
});
df.app.orchestration('child', function* (ctx) {
  const doubled: unknown = yield ctx.df.callActivity('double', input<{ n: number }>(ctx).n);
  return { parent: ctx.df.parentInstanceId, doubled };
});
df.app.orchestration('failingChild', function* (ctx) {
  yield ctx.df.callActivity('hello', 'x');
  throw new Error('child broke');
});
df.app.orchestration('counter', function* (ctx) {
  const n = input<number>(ctx);
  yield ctx.df.callActivity('double', n);
  if (n < 3) {
    ctx.df.continueAsNew(n + 1);
    return;
  }
  return n;
});
df.app.orchestration('waitForever', function* (ctx) {
  yield ctx.df.waitForExternalEvent('never');
});
df.app.orchestration('changing', function* (ctx) {
  yield ctx.df.callActivity(state.variant === 'v1' ? 'hello' : 'double', 1);
  yield ctx.df.waitForExternalEvent('continue');
  return 'done';
});
df.app.orchestration('callsHttp', function* (ctx) {
  yield ctx.df.callHttp({ method: 'GET', url: 'http://example.invalid/' });
});

/** The real durable client, driven by the tests: `{ op, args }` calls `client[op](...args)`. */
df.app.client.http('client', {
  route: 'client',
  methods: ['POST'],
  handler: async (req: HttpRequest, client: DurableClient) => {
    const { op, args } = (await req.json()) as { op: string; args: unknown[] };
    if (op === 'purgeCreatedSince') {
      const result = await client.purgeInstanceHistoryBy({
        createdTimeFrom: new Date(args[0] as string),
        runtimeStatus: args[1] as df.OrchestrationRuntimeStatus[],
      });
      return { jsonBody: { ok: true, result } };
    }
    if (op === 'startAndCheck') {
      const id = await client.startNew(args[0] as string, { input: args[1], instanceId: args[2] as string });
      return client.createCheckStatusResponse(req, id);
    }
    try {
      const call = (client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[op]!;
      const result = await call.apply(client, args);
      return { jsonBody: { ok: true, result: result === undefined ? null : result } };
    } catch (e) {
      return { jsonBody: { ok: false, error: (e as Error).message } };
    }
  },
});
