/** The orchestrations, activities and HTTP client functions the durable-engine tests run. */
export const appSource = `
const df = require('durable-functions');
const { app } = require('@azure/functions');
const state = (globalThis.__durableTest = globalThis.__durableTest || { calls: [], attempts: {}, variant: 'v1' });
const record = (fn, key) => state.calls.push({ fn, key, at: Date.now() });

df.app.activity('hello', { handler: (name) => 'Hello ' + name });
df.app.activity('double', { handler: (n) => n * 2 });
df.app.activity('flaky', { handler: (key) => {
  record('flaky', key);
  const n = (state.attempts[key] = (state.attempts[key] || 0) + 1);
  if (n <= 2) throw new Error('flaky attempt ' + n + ' failed');
  return 'ok after ' + n;
} });
df.app.activity('alwaysFails', { handler: (key) => { record('alwaysFails', key); throw new Error('boom for ' + key); } });

df.app.activity('big', { handler: (n) => 'x'.repeat(n) });
df.app.orchestration('large', function* (ctx) {
  const text = yield ctx.df.callActivity('big', ctx.df.getInput());
  return { length: text.length, text };
});
df.app.orchestration('retryingParent', function* (ctx) {
  return yield ctx.df.callSubOrchestratorWithRetry('flakyChild', new df.RetryOptions(100, 3), ctx.df.getInput());
});
df.app.orchestration('flakyChild', function* (ctx) {
  const key = ctx.df.getInput();
  const result = yield ctx.df.callActivity('flaky', key);
  return { result, instanceId: ctx.df.instanceId };
});
df.app.orchestration('sequence', function* (ctx) {
  const out = [];
  for (const city of ['Tokyo', 'Seattle', 'London']) out.push(yield ctx.df.callActivity('hello', city));
  return out;
});
df.app.orchestration('retrying', function* (ctx) {
  const options = new df.RetryOptions(300, 3);
  options.backoffCoefficient = 2;
  return yield ctx.df.callActivityWithRetry('flaky', options, ctx.df.getInput());
});
df.app.orchestration('exhausted', function* (ctx) {
  return yield ctx.df.callActivityWithRetry('alwaysFails', new df.RetryOptions(200, 2), ctx.df.getInput());
});
df.app.orchestration('timer', function* (ctx) {
  const start = ctx.df.currentUtcDateTime;
  yield ctx.df.createTimer(new Date(start.getTime() + 700));
  return { started: start.toISOString(), resumed: ctx.df.currentUtcDateTime.toISOString() };
});
df.app.orchestration('approval', function* (ctx) {
  const input = ctx.df.getInput() || {};
  if (input.delayMs) yield ctx.df.createTimer(new Date(ctx.df.currentUtcDateTime.getTime() + input.delayMs));
  ctx.df.setCustomStatus('waiting');
  const answer = yield ctx.df.waitForExternalEvent('approve');
  return { answer };
});
df.app.orchestration('eventOrTimeout', function* (ctx) {
  const event = ctx.df.waitForExternalEvent('go');
  const timeout = ctx.df.createTimer(new Date(ctx.df.currentUtcDateTime.getTime() + ctx.df.getInput().timeoutMs));
  ctx.df.setCustomStatus('waiting');
  const winner = yield ctx.df.Task.any([event, timeout]);
  if (winner === event) { timeout.cancel(); return { winner: 'event', data: event.result }; }
  return { winner: 'timeout' };
});
df.app.orchestration('fanOut', function* (ctx) {
  const tasks = [];
  for (let i = 1; i <= ctx.df.getInput(); i++) tasks.push(ctx.df.callActivity('double', i));
  const results = yield ctx.df.Task.all(tasks);
  return results.reduce((a, b) => a + b, 0);
});
df.app.orchestration('fanOutWithRetry', function* (ctx) {
  const tasks = [
    ctx.df.callActivity('double', 1),
    ctx.df.callActivityWithRetry('flaky', new df.RetryOptions(150, 3), ctx.df.getInput()),
    ctx.df.createTimer(new Date(ctx.df.currentUtcDateTime.getTime() + 200)),
    ctx.df.callActivity('double', 2),
  ];
  const [a, b, , d] = yield ctx.df.Task.all(tasks);
  const e = yield ctx.df.callActivity('double', 3);
  return { a, b, d, e };
});
df.app.orchestration('parent', function* (ctx) {
  const child = yield ctx.df.callSubOrchestrator('child', { n: 5 });
  let failure;
  try { yield ctx.df.callSubOrchestrator('failingChild', null, ctx.df.instanceId + '-failing'); } catch (e) { failure = e.message; }
  return { child, failure };
});
df.app.orchestration('child', function* (ctx) {
  return { parent: ctx.df.parentInstanceId, doubled: yield ctx.df.callActivity('double', ctx.df.getInput().n) };
});
df.app.orchestration('failingChild', function* (ctx) {
  yield ctx.df.callActivity('hello', 'x');
  throw new Error('child broke');
});
df.app.orchestration('counter', function* (ctx) {
  const n = ctx.df.getInput();
  yield ctx.df.callActivity('double', n);
  if (n < 3) { ctx.df.continueAsNew(n + 1); return; }
  return n;
});
df.app.orchestration('waitForever', function* (ctx) { yield ctx.df.waitForExternalEvent('never'); });
df.app.orchestration('changing', function* (ctx) {
  yield ctx.df.callActivity(state.variant === 'v1' ? 'hello' : 'double', 1);
  yield ctx.df.waitForExternalEvent('continue');
  return 'done';
});
df.app.orchestration('callsHttp', function* (ctx) { yield ctx.df.callHttp({ method: 'GET', url: 'http://example.invalid/' }); });

df.app.client.http('client', { route: 'client', methods: ['POST'], handler: async (req, client) => {
  const { op, args } = await req.json();
  if (op === 'purgeCreatedSince') {
    return { jsonBody: { ok: true, result: await client.purgeInstanceHistoryBy({ createdTimeFrom: new Date(args[0]), runtimeStatus: args[1] }) } };
  }
  if (op === 'startAndCheck') {
    const id = await client.startNew(args[0], { input: args[1], instanceId: args[2] });
    return client.createCheckStatusResponse(req, id);
  }
  try {
    const result = await client[op](...args);
    return { jsonBody: { ok: true, result: result === undefined ? null : result } };
  } catch (e) {
    return { jsonBody: { ok: false, error: e.message } };
  }
} });
`;

/** What the test app records in the test process (shared through globalThis). */
export interface TestState {
  calls: { fn: string; key: string; at: number }[];
  attempts: Record<string, number>;
  variant: string;
}
export const testState = () => (globalThis as unknown as { __durableTest: TestState }).__durableTest;
