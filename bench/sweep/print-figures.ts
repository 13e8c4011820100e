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
}): void {
  const { schedules, tenants, due, rows } = figures;
  console.log(
    `\nOne sweep: ${n(schedules)} schedules, ${n(tenants)} tenants, ${n(due)} due in one minute (in-memory Azurite)`,
  );
  console.log(
    `${pad('', 56)}${pad('found due', 10, true)}${pad('requests', 10, true)}${pad('entities', 10, true)}${pad('CPU ms', 9, true)}${pad('wall ms', 9, true)}`,
  );
  for (const [label, m] of rows) {
    console.log(
      `${pad(label, 56)}${pad(n(m.result), 10, true)}${pad(n(m.requests), 10, true)}${pad(n(m.entitiesRead), 10, true)}${pad(n(m.cpuMs), 9, true)}${pad(n(m.wallMs), 9, true)}`,
    );
  }
  const [perTenant, tableScan, find] = rows.map(([, m]) => m);
  if (perTenant && tableScan && find) {
    const ratio = (a: number, b: number) => `1/${(b / Math.max(1, a)).toFixed(1)}`;
    console.log(
      `find vs naive requests: ${ratio(find.requests, perTenant.requests)} (per tenant), ${ratio(find.requests, tableScan.requests)} (one scan); ` +
        `entities read by find: ${(find.entitiesRead / due).toFixed(2)} × due; queue messages sent: ${n(figures.published)}`,
    );
  }
}

export function printLag(path: PathLag, host?: TriggerLag): void {
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
  if (!host) return;
  header(
    `Trigger lag, real local host: ${n(host.count)} due at ${host.fireTime} (timer sweep, consumer, Durable engine running the reports)`,
  );
  line('fire → run row written by the ExecutionRequested consumer', host.consumed);
  line('fire → reportRun orchestration instance created', host.orchestrated);
  line('(publish margin: ms before the fire time each gate was marked published)', host.publishedAhead);
  if (host.missing) console.log(`(${host.missing} orchestrations not created within the wait)`);
}
