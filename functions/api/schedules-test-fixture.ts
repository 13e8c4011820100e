// Test support (not shipped behaviour): the schedules endpoints registered as the worker loads them, run through
// the real pipeline (dev issuer tokens, strict validation) on the test Azurite, with requests routed by the
// same route table the local host uses.
import { randomBytes } from 'node:crypto';
import { createRouteTable } from '../../local/http/route-table';
import type { AppState } from '../../local/functions-core/invoke-function';
import { createStorageQueueMessageBus } from '../../shared/adapters/messaging/storage-queue-message-bus';
import { createTableRepositories } from '../../shared/adapters/table/table-repositories';
import { createTableDueIndex } from '../../shared/adapters/table/table-scheduler-store';
import { createTableIdempotencyStore } from '../../shared/adapters/table/table-idempotency-store';
import { createTableService } from '../../shared/adapters/table/table-service';
import { defaultIdempotencyPolicy } from '../../shared/app/idempotency/run-idempotently';
import type { Role } from '../../shared/contracts/common';
import type { ReportDefinition } from '../../shared/contracts/report';
import type { OutgoingMessage } from '../../shared/ports/message-bus';
import type { DueEntry } from '../../shared/ports/scheduler-store';
import type { ExecutionQuota } from '../../shared/ports/execution-quota';
import type { ScheduleDeps } from '../../shared/app/schedules/schedule-deps';
import { installDeps } from '../composition-root';
import { callFunction, loadFunctions, testDeps, type HttpResult } from '../http/testing/http-test-kit';
import { startPipelineFixture } from '../http/testing/pipeline-fixture';

export interface Caller {
  tenantId: string;
  userId: string;
  roles: Role[];
}

export interface CallOptions {
  as?: Caller;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function startSchedulesApi(connectionString: string) {
  const fx = await startPipelineFixture(256 * 1024);
  const tables = createTableService({ connectionString }, { prefix: `api${randomBytes(5).toString('hex')}` });
  const repos = createTableRepositories(tables);
  const dueIndex = createTableDueIndex(tables);
  const clock = { now: undefined as Date | undefined };
  const now = () => clock.now ?? new Date();
  const realBus = createStorageQueueMessageBus({ connectionString }, now);
  const published: OutgoingMessage[] = [];
  /** Tenants whose schedule count changed (each call of the schedules quota's alert check). */
  const countChanges: string[] = [];
  const quotas = {
    schedule: (() => Promise.resolve()) as ScheduleDeps['assertScheduleQuota'],
    execution: (() => Promise.resolve()) as ExecutionQuota['consume'],
  };
  const bus = {
    ping: () => realBus.ping(),
    publish: async (queue: string, message: OutgoingMessage) => {
      await realBus.publish(queue, message);
      published.push(message);
    },
  };
  const schedules: ScheduleDeps = {
    repos,
    dueIndex,
    clock: now,
    runNow: { repos, bus, clock: now, quota: { consume: (t, at) => quotas.execution(t, at) } },
    assertScheduleQuota: (t, tier) => quotas.schedule(t, tier),
    scheduleCountChanged: (t) => (countChanges.push(t), Promise.resolve()),
  };
  const deps = testDeps(fx.deps.config, {
    tokenVerifier: fx.deps.tokenVerifier,
    rateLimiter: fx.deps.rateLimiter,
    clock: now,
    repos,
    bus,
    schedules,
    idempotency: { store: createTableIdempotencyStore(tables), policy: defaultIdempotencyPolicy, clock: now },
  });
  const uninstallDeps = installDeps(deps);
  const app: AppState = await loadFunctions(() =>
    Promise.all([import('./schedules.js'), import('./schedules-changes.js'), import('./schedules-fires.js')]),
  );
  const routes = createRouteTable(
    app.registry.byTrigger('httpTrigger').map((fn) => ({
      template: `api/${String(fn.trigger.route)}`,
      methods: fn.trigger.methods as string[],
      target: fn.name,
    })),
  );
  const tokens = new Map<string, string>();
  const tokenFor = async (caller: Caller) => {
    const key = JSON.stringify(caller);
    if (!tokens.has(key)) tokens.set(key, (await fx.issuer.mintToken(caller)).accessToken);
    return tokens.get(key)!;
  };

  return {
    repos,
    dueIndex,
    clock,
    published,
    countChanges,
    quotas,
    async call(method: string, path: string, options: CallOptions = {}): Promise<HttpResult> {
      const url = new URL(path, 'http://localhost:7071');
      const match = routes.match(method, url.pathname);
      if (match.kind !== 'matched') throw new Error(`${method} ${path}: ${match.kind}`);
      const headers: Record<string, string> = { ...options.headers };
      if (options.as) headers.authorization = `Bearer ${await tokenFor(options.as)}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      return callFunction(app, match.target, {
        method,
        path,
        headers,
        params: match.params,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    },
    /** A report in the tenant (for schedules to point at). */
    async addReport(tenantId: string, overrides: Partial<ReportDefinition> = {}): Promise<ReportDefinition> {
      const at = new Date().toISOString();
      const report: ReportDefinition = {
        id: `rep-${randomBytes(6).toString('hex')}`,
        tenantId,
        name: 'Sales',
        description: '',
        dataSource: { connectionId: 'demo', sql: 'select 1', parameters: [] },
        outputs: [{ format: 'csv' }],
        active: true,
        createdBy: 'alice', // the creator the schedule tests act as: only a report's owner (or an admin) schedules it
        createdAt: at,
        updatedAt: at,
        ...overrides,
      };
      await repos.reports.insert(tenantId, report);
      return report;
    },
    rows: (): Promise<DueEntry[]> => dueIndex.dueUntil(new Date('2200-01-01T00:00:00Z')),
    async close() {
      uninstallDeps();
      await fx.close();
    },
  };
}

export type SchedulesApi = Awaited<ReturnType<typeof startSchedulesApi>>;
