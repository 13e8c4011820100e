import type { Artifact } from '../../contracts/artifact';
import type { OutputFormat } from '../../contracts/report';
import type { Page, Repositories } from '../../ports/repositories';

/** The gallery: newest first, by run or by report, optionally one format. */
export async function listArtifacts(
  repos: Repositories,
  tenantId: string,
  query: { runId?: string; reportId?: string; format?: OutputFormat; limit: number; cursor: string | null },
): Promise<Page<Artifact>> {
  const { runId, reportId, format, limit, cursor } = query;
  const page = runId
    ? await repos.artifacts.list(tenantId, { index: 'byRun', prefix: `${runId}|`, limit, cursor })
    : reportId
      ? await repos.artifacts.list(tenantId, { index: 'byReport', prefix: `${reportId}|`, limit, cursor })
      : await repos.artifacts.list(tenantId, { index: 'newest', limit, cursor });
  const items = page.items.filter(
    (a) => (!format || a.format === format) && (!reportId || a.reportId === reportId),
  );
  return { ...page, items };
}
