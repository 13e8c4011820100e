import type { DeliveryRecord } from '../../../../shared/contracts/delivery';
import type { ExecutionRun } from '../../../../shared/contracts/run';

/** Test data: a run and delivery records as the API returns them. */
export function aRun(overrides: Partial<ExecutionRun> = {}): ExecutionRun {
  return {
    id: 'run-1',
    tenantId: 'demo',
    reportId: 'rep-1',
    scheduleId: 'sch-1',
    trigger: 'schedule',
    fireTime: '2026-03-02T08:00:00.000Z',
    status: 'succeeded',
    attempt: 1,
    parameters: {},
    steps: [],
    rowCount: 10,
    bytes: 100,
    workerId: 'worker-a',
    error: null,
    createdAt: '2026-03-02T08:00:00.000Z',
    startedAt: '2026-03-02T08:00:00.000Z',
    endedAt: '2026-03-02T08:00:10.000Z',
    ...overrides,
  };
}

export function aDelivery(overrides: Partial<DeliveryRecord> = {}): DeliveryRecord {
  return {
    id: 'del-1',
    tenantId: 'demo',
    runId: 'run-1',
    scheduleId: 'sch-1',
    reportId: 'rep-1',
    artifactIds: ['art-1'],
    targetId: 'schedule-email',
    channel: 'email',
    recipient: 'ann@example.com',
    status: 'sent',
    attempts: 1,
    createdAt: '2026-03-02T08:00:10.000Z',
    firstAttemptAt: '2026-03-02T08:00:11.000Z',
    lastAttemptAt: '2026-03-02T08:00:11.000Z',
    sentAt: '2026-03-02T08:00:12.000Z',
    latencyMs: 2000,
    statusCode: 250,
    providerMessageId: '<m1@example>',
    link: null,
    note: null,
    error: null,
    redrives: 0,
    ...overrides,
  };
}
