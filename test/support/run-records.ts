import type { ExecutionRun } from '../../shared/contracts/run';

/**
 * A manual run of a report that succeeded, created, started and ended now, with no rows; `fields` name
 * the run and set what a test is about (its status, its times, what it read).
 */
export function succeededRun(
  fields: Pick<ExecutionRun, 'id' | 'tenantId' | 'reportId'> & Partial<ExecutionRun>,
): ExecutionRun {
  const now = new Date().toISOString();
  return {
    scheduleId: null,
    trigger: 'manual',
    fireTime: null,
    status: 'succeeded',
    attempt: 1,
    parameters: {},
    steps: [],
    rowCount: 0,
    bytes: 0,
    workerId: null,
    error: null,
    createdAt: now,
    startedAt: now,
    endedAt: now,
    ...fields,
  };
}
