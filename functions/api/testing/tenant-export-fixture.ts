import { afterAll, beforeAll, expect } from 'vitest';
import { runTenantExport } from '../../../shared/app/tenants/export/run-tenant-export';
import { tenantExportQueueName, type TenantExportRequested } from '../../../shared/contracts/tenant-export';
import type { MessageBus, OutgoingMessage } from '../../../shared/ports/message-bus';
import { startApiFixture, type ApiFixture, type Caller } from './api-fixture';

// The real endpoints over Azurite; the queue is a recorder so each test runs the worker's use case itself
// (the consumer function is a thin wrapper over it: functions/queues/tenant-export-requested.ts).
let api: ApiFixture;
const queued: { queue: string; message: OutgoingMessage }[] = [];
const bus: MessageBus = {
  publish: (queue, message) => Promise.resolve(void queued.push({ queue, message })),
  ping: () => Promise.resolve(),
};

/**
 * Starts the export endpoints and every API a tenant's data is made through (reports, secrets, targets, data
 * sources, triggers, subscriptions) for the calling test file (call at its top level).
 */
export function useTenantExportApi(): () => ApiFixture {
  beforeAll(async () => {
    api = await startApiFixture(
      () =>
        Promise.all([
          import('../tenant-export.js'),
          import('../reports.js'),
          import('../secrets.js'),
          import('../delivery-targets.js'),
          import('../data-sources.js'),
          import('../event-triggers.js'),
          import('../subscriptions.js'),
        ]),
      { overrides: () => ({ bus }) },
    );
  });
  afterAll(() => api.close());
  return () => api;
}

export const startExport = (as: Caller, headers: Record<string, string> = {}) =>
  api.call('startTenantExport', { method: 'POST', path: '/api/v1/tenant/export', as, headers });

export const getExport = (as: Caller, id: string) =>
  api.call('getTenantExport', { path: `/api/v1/tenant/exports/${id}`, params: { id }, as });

/** The message the POST queued for this export. */
export function requestOf(exportId: string): TenantExportRequested {
  const found = queued.find((q) => (q.message.body as TenantExportRequested).exportId === exportId);
  expect(found?.queue).toBe(tenantExportQueueName);
  return found!.message.body as TenantExportRequested;
}

/** Runs the worker's use case on the export's queued message, as the queue consumer would. */
export const work = (exportId: string) => runTenantExport(api.deps.tenantExport, requestOf(exportId));
