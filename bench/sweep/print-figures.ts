import { percentile, type Measured } from './measure';
import type { PathLag } from './scheduler-path-lag';
import type { TriggerLag } from './trigger-lag';

const n = (value: number) => Math.round(value).toLocaleString('en-US');
const pad = (text: string, width: number, right = false) =>
  right ? text.padStart(width) : text.padEnd(width);

export function printSweep(figures: {
  schedules: number;
  tenants: number;
  due: number;
  rows: [string, Measured<number>][];
  published: number;
  load: number;
}): void {
  const { schedules, tenants, due, rows } = figures;
  console.log(
    `\nOne sweep: ${n(schedules)} schedules, ${n(tenants)} tenants, ${n(due)} due in one minute (in-memory Azurite, fires batched per instant; load average ${figures.load.toFixed(1)})`,
  );
  console.log(
    `${pad('', 56)}${pad('found due', 10, true)}${pad('requests', 10, true)}${pad('entities', 10, true)}${pad('CPU ms', 9, true)}${pad('wall ms', 9, true)}`,
  );
  for (const [label, m] of rows) {
    console.log(
      `${pad(label, 56)}${pad(n(m.result), 10, true)}${pad(n(m.requests), 10, true)}${pad(n(m.entitiesRead), 10, true)}${pad(n(m.cpuMs), 9, true)}${pad(n(m.wallMs), 9, true)}`,
    );
  }
  const row = (prefix: string) => rows.find(([label]) => label.startsWith(prefix))?.[1];
  const [perTenant, tableScan, find] = [row('naive: each'), row('naive: one'), row('sweep: find due (')];
  if (perTenant && tableScan && find) {
    const ratio = (a: number, b: number) => `1/${(b / Math.max(1, a)).toFixed(1)}`;
    console.log(
      `find vs naive requests: ${ratio(find.requests, perTenant.requests)} (per tenant), ${ratio(find.requests, tableScan.requests)} (one scan); ` +
        `entities read by find: ${(find.entitiesRead / due).toFixed(2)} × due`,
    );
  }
  const whole = row('sweep: whole');
  if (whole)
    console.log(
      `whole sweep per fire: ${(whole.requests / Math.max(1, due)).toFixed(2)} Table requests, ${(whole.cpuMs / Math.max(1, due)).toFixed(2)} ms CPU; queue messages sent: ${n(figures.published)}`,
    );
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Today's path (one message per fire) and the batched one, side by side, per scenario. */
export function printPathComparison(runs: PathLag[], burners: number): void {
  console.log(
    `\nFire → orchestration start requested, scheduler path (sweep every 10 s → Storage queue → host queue listener → consumer use case)` +
      `${burners ? `, ${burners} CPU burner${burners > 1 ? 's' : ''} running` : ''}; load = 1-min load average at the fire / at the end`,
  );
  console.log(
    `${pad('1,000 fires, 100 tenants', 30)}${pad('path', 26)}${pad('p50', 8, true)}${pad('p95', 8, true)}${pad('max', 8, true)}${pad('req/fire', 10, true)}${pad('Table/fire', 11, true)}${pad('messages', 10, true)}${pad('load', 13, true)}`,
  );
  for (const run of runs) {
    const lag = run.consumed;
    const missing = run.count - lag.length;
    console.log(
      `${pad(run.spread ? 'spread over one minute' : 'all at one instant', 30)}${pad(run.batch ? 'batched (per instant)' : 'today (one per fire)', 26)}` +
        `${pad(seconds(percentile(lag, 50)), 8, true)}${pad(seconds(percentile(lag, 95)), 8, true)}${pad(seconds(Math.max(...lag)), 8, true)}` +
        `${pad(run.requestsPerFire.toFixed(2), 10, true)}${pad(run.tableRequestsPerFire.toFixed(2), 11, true)}${pad(n(run.messages), 10, true)}` +
        `${pad(`${run.load[0].toFixed(1)} / ${run.load[1].toFixed(1)}`, 13, true)}${missing ? `  (${missing} not consumed in time)` : ''}`,
    );
  }
  console.log(
    '(req/fire: the consumer path — Table requests, a batch transaction counting one, plus queue receives that returned messages and deletes; the sweep is not included)',
  );
}

export function printLag(path: PathLag | undefined, host?: TriggerLag): void {
  if (!path) return printHostLag(host);
  const line = (label: string, values: number[]) =>
    console.log(
      `${pad(label, 64)}${pad(n(values.length), 7, true)}${pad(n(Math.min(...values)), 8, true)}${[50, 95, 99].map((p) => pad(n(percentile(values, p)), 8, true)).join('')}${pad(n(Math.max(...values)), 8, true)}`,
    );
  const header = (title: string) => {
    console.log(`\n${title}`);
    console.log(
      `${pad('ms after the fire time', 64)}${pad('fires', 7, true)}${pad('min', 8, true)}${pad('p50', 8, true)}${pad('p95', 8, true)}${pad('p99', 8, true)}${pad('max', 8, true)}`,
    );
  };
  header(
    `Trigger lag, scheduler path: ${n(path.count)} due at ${path.fireTime} (sweep every 10 s → Storage queue → host queue listener → admitExecutionRequest)`,
  );
  line('fire → message handed to the function (queueing)', path.dequeued);
  line('fire → consumer use case done (quota, run row, start requested)', path.consumed);
  line('(publish margin: ms before the fire time each message went out)', path.publishedAhead);
  console.log(
    `(${path.maxConcurrentCalls} calls in flight at most; ${path.tableRequestsPerFire.toFixed(2)} Table requests per fire consumed, plus one queue receive per ≤ 32 and one delete per message)`,
  );
  printHostLag(host);
}

function printHostLag(host: TriggerLag | undefined): void {
  if (!host) return;
  const line = (label: string, values: number[]) =>
    console.log(
      `${pad(label, 64)}${pad(n(values.length), 7, true)}${pad(n(Math.min(...values)), 8, true)}${[50, 95, 99].map((p) => pad(n(percentile(values, p)), 8, true)).join('')}${pad(n(Math.max(...values)), 8, true)}`,
    );
  console.log(
    `\nTrigger lag, real local host: ${n(host.count)} due at ${host.fireTime} (timer sweep, consumer, Durable engine running the reports)`,
  );
  console.log(
    `${pad('ms after the fire time', 64)}${pad('fires', 7, true)}${pad('min', 8, true)}${pad('p50', 8, true)}${pad('p95', 8, true)}${pad('p99', 8, true)}${pad('max', 8, true)}`,
  );
  line('fire → run row written by the ExecutionRequested consumer', host.consumed);
  line('fire → reportRun orchestration instance created', host.orchestrated);
  line('(publish margin: ms before the fire time each gate was marked published)', host.publishedAhead);
  if (host.succeeded.length)
    line('fire → run succeeded (data read, CSV rendered and stored)', host.succeeded);
  if (host.missing) console.log(`(${host.missing} orchestrations not created within the wait)`);
}
