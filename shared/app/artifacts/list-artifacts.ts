import type { Artifact } from '../../contracts/artifact';
import type { OutputFormat } from '../../contracts/report';
import type { RunStatus } from '../../contracts/run';
import { newestFirstKey } from '../../domain/ids';
import type { Page, Repositories } from '../../ports/repositories';
import { chooseArtifactIndex } from './artifact-indexes';

export interface ArtifactListQuery {
  runId?: string | undefined;
  reportId?: string | undefined;
  format?: OutputFormat | undefined;
  status?: RunStatus | undefined;
  /** A day (`YYYY-MM-DD`, from its start in UTC) or an instant with offset; inclusive. */
  startDate?: string | undefined;
  /** A day (up to its end in UTC) or an instant with offset; inclusive. */
  endDate?: string | undefined;
  limit: number;
  cursor: string | null;
}

const DAY_MS = 86_400_000;
const MAX_MS = 9_999_999_999_999;
const clampMs = (ms: number) => Math.min(Math.max(ms, 0), MAX_MS);
const startMs = (bound: string) => Date.parse(bound.length === 10 ? `${bound}T00:00:00Z` : bound);
const endMs = (bound: string) =>
  bound.length === 10 ? Date.parse(`${bound}T00:00:00Z`) + DAY_MS - 1 : Date.parse(bound);

/**
 * The creation-time window as bounds on newest-first keys: the newest allowed instant has the smallest
 * key (`from`, inclusive) and the oldest the largest (`until`, just past every row of that instant).
 */
export function timeWindow(startDate?: string, endDate?: string): { from?: string; until?: string } {
  return {
    ...(endDate ? { from: newestFirstKey(new Date(clampMs(endMs(endDate)))) } : {}),
    ...(startDate ? { until: `${newestFirstKey(new Date(clampMs(startMs(startDate))))}\uffff` } : {}),
  };
}

/**
 * The gallery, newest first. Report, format, status and the date range are one range of one index
 * (artifact-indexes.ts), so a page costs one query and is always full until the last. A run's artifacts
 * (a handful, one per format) are read from its own index and the other filters applied to them.
 */
export async function listArtifacts(
  repos: Repositories,
  tenantId: string,
  query: ArtifactListQuery,
): Promise<Page<Artifact>> {
  const { runId, reportId, format, status, limit, cursor } = query;
  const window = timeWindow(query.startDate, query.endDate);
  if (!runId) {
    const { index, prefix } = chooseArtifactIndex({ reportId, format, status });
    return repos.artifacts.list(tenantId, { index, prefix, ...window, limit, cursor });
  }
  const page = await repos.artifacts.list(tenantId, {
    index: 'byRun',
    prefix: `${runId}|`,
    ...window,
    limit,
    cursor,
  });
  const items = page.items.filter(
    (a) =>
      (!reportId || a.reportId === reportId) &&
      (!format || a.format === format) &&
      (!status || a.status === status),
  );
  return { ...page, items };
}
