import type { ExecutionRun, RunStatus } from '../../contracts/run';
import type { Page, Repositories } from '../../ports/repositories';

/** Newest first, optionally one report's or one status's runs (both: the report's, filtered). */
export async function listRuns(
  repos: Repositories,
  tenantId: string,
  query: { reportId?: string; status?: RunStatus; limit: number; cursor: string | null },
): Promise<Page<ExecutionRun>> {
  const { reportId, status, limit, cursor } = query;
  if (reportId) {
    const page = await repos.runs.list(tenantId, {
      index: 'byReport',
      prefix: `${reportId}|`,
      limit,
      cursor,
    });
    return status ? { ...page, items: page.items.filter((r) => r.status === status) } : page;
  }
  if (status) return repos.runs.list(tenantId, { index: 'byStatus', prefix: `${status}|`, limit, cursor });
  return repos.runs.list(tenantId, { index: 'newest', limit, cursor });
}
