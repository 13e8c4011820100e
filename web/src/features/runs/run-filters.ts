import type { ExecutionRun, RunStatus } from '../../../../shared/contracts/run';
import {
  compactQuery,
  readQueryDay,
  readQueryEnum,
  readQueryString,
  type QueryLike,
} from '../../ui/query-params';
import { zonedDayOf } from '../../ui/zoned-day';

const statuses: readonly RunStatus[] = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'aborted',
  'missed',
  'skipped',
];

/** The run history's filters, kept in the URL (`/runs?status=failed&from=2026-01-01`). Days are the viewer's. */
export interface RunFilters {
  reportId?: string;
  scheduleId?: string;
  status?: RunStatus;
  from?: string;
  to?: string;
}

export function parseRunFilters(query: QueryLike): RunFilters {
  return {
    reportId: readQueryString(query, 'reportId'),
    scheduleId: readQueryString(query, 'scheduleId'),
    status: readQueryEnum(query, 'status', statuses),
    from: readQueryDay(query, 'from'),
    to: readQueryDay(query, 'to'),
  };
}

export const runFiltersToQuery = (filters: RunFilters): Record<string, string> =>
  compactQuery({ ...filters });

/** What `GET /v1/runs` filters itself (report, status); the rest is applied to the loaded pages. */
export const runFiltersToApi = (filters: RunFilters): Record<string, string> =>
  compactQuery({ reportId: filters.reportId, status: filters.status });

export const hasClientOnlyFilters = (filters: RunFilters): boolean =>
  Boolean(filters.scheduleId || filters.from || filters.to);

/** The filters the API does not take (schedule, date range in the viewer's zone). */
export function matchesClientFilters(run: ExecutionRun, filters: RunFilters, timeZone: string): boolean {
  if (filters.scheduleId && run.scheduleId !== filters.scheduleId) return false;
  if (!filters.from && !filters.to) return true;
  const day = zonedDayOf(run.createdAt, timeZone);
  return (!filters.from || day >= filters.from) && (!filters.to || day <= filters.to);
}
