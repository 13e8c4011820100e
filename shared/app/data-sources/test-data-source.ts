import type { DataSourceTestResult } from '../../contracts/data-source';
import { toAppError } from '../../domain/errors';
import { readOwned } from '../audit/audited-documents';
import { recordAudit } from '../audit/record-audit';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { dataSourceKind, type DataSourceDeps } from './data-source-deps';

/**
 * `POST /data-sources/{id}/test`: opens a fresh connection with the saved settings, runs a trivial query
 * (`select 1`; the first page of a REST API), closes it. A failure is an answer, not an error: `ok: false`
 * with the stable code and message (never a secret: definitions hold references only). Audited.
 */
export async function testDataSource(
  deps: DataSourceDeps,
  principal: Principal,
  id: string,
): Promise<DataSourceTestResult> {
  const elapsedMs = () => deps.clock().getTime();
  authorize(principal, 'create');
  const { doc } = await readOwned(dataSourceKind(deps), principal, id);
  const started = elapsedMs();
  let result: DataSourceTestResult;
  try {
    const source = await deps.targets.connect(doc);
    try {
      await source.probe(deps.testTimeoutMs ?? 10_000);
    } finally {
      await source.close().catch(() => undefined);
    }
    result = { ok: true, latencyMs: Math.round(elapsedMs() - started) };
  } catch (err) {
    const error = toAppError(err);
    result = {
      ok: false,
      latencyMs: Math.round(elapsedMs() - started),
      error: { code: error.code, message: error.message, retryable: error.retryable },
    };
  }
  await recordAudit(deps, principal, {
    action: 'data_source.tested',
    entityType: 'data_source',
    entityId: id,
    diff: { ok: result.ok, ...(result.error ? { code: result.error.code } : {}) },
  });
  return result;
}
