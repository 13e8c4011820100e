import type { ReportDefinition } from '../../contracts/report';
import {
  defaultPreviewRows,
  type DryRunRequest,
  type ReportPreview,
  type ReportPreviewRequest,
} from '../../contracts/report-preview';
import type { ExecutionRun } from '../../contracts/run';
import { notFound } from '../../domain/errors';
import { readOwned } from '../audit/audited-documents';
import { recordAudit } from '../audit/record-audit';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { resolveParameters } from '../pipeline/extract-data';
import { assertValidReport } from '../reports/check-report';
import { checkParameterValues } from '../reports/parameter-values';
import { reportKind } from '../reports/report-kind';
import { definitionFields } from '../reports/save-report';
import { invalidFields } from '../validation/invalid-field';
import { extractPreviewRows } from './extract-preview-rows';
import { previewEmails } from './preview-emails';
import type { PreviewDeps } from './preview-deps';
import { asPositionedError } from './preview-errors';
import { renderPreview } from './render-preview';
import { timed } from './timed';

type PreviewOptions = NonNullable<DryRunRequest>;

/** A run that exists only in memory: what templates see as `run` (id `preview`, no fire time). */
function previewRun(report: ReportDefinition, options: PreviewOptions, now: Date): ExecutionRun {
  return {
    id: 'preview',
    tenantId: report.tenantId,
    reportId: report.id,
    scheduleId: options.scheduleId ?? null,
    trigger: 'manual',
    fireTime: null,
    status: 'running',
    attempt: 1,
    parameters: options.parameters ?? {},
    steps: [],
    rowCount: null,
    bytes: null,
    workerId: null,
    error: null,
    createdAt: now.toISOString(),
    startedAt: now.toISOString(),
    endedAt: null,
  };
}

/**
 * Extract → transform → render of one format, from at most `rowLimit` rows, with each step timed, and the
 * schedule's emails as each recipient would get them. Sends nothing and writes no run, artifact or ledger
 * record; the one thing kept is an audit event `report.previewed`.
 */
async function previewDefinition(
  deps: PreviewDeps,
  principal: Principal,
  report: ReportDefinition,
  options: PreviewOptions,
): Promise<ReportPreview> {
  const problems = checkParameterValues(report.dataSource.parameters, options.parameters ?? {}, 'parameters');
  if (problems.length) throw invalidFields(problems);
  const format = options.format ?? report.outputs[0]!.format;
  if (!report.outputs.some((o) => o.format === format))
    throw invalidFields([
      { field: 'format', code: 'not_an_output', message: `"${format}" is not one of the report's outputs` },
    ]);
  const schedule = options.scheduleId
    ? (await deps.repos.schedules.get(principal.tenantId, options.scheduleId))?.doc
    : undefined;
  if (options.scheduleId && !schedule) throw notFound('Schedule', options.scheduleId);
  const run = previewRun(report, options, deps.clock());
  const tenant = (await deps.repos.tenants.get(principal.tenantId, principal.tenantId))?.doc;
  const cap = options.rowLimit ?? defaultPreviewRows;

  return asPositionedError(report, async () => {
    const data = await extractPreviewRows(
      deps,
      principal.tenantId,
      report,
      resolveParameters(report, run),
      cap,
    );
    const rendered = await timed(() =>
      renderPreview(deps, { report, run, tenant, format, columns: data.columns, rows: data.rows }),
    );
    const deliveries = schedule
      ? await previewEmails(deps, {
          tenantId: principal.tenantId,
          schedule,
          report,
          tenant,
          rendered: rendered.value,
          previewedPdf: format === 'pdf',
        })
      : { emails: [], otherDeliveries: [] };
    return {
      format,
      rowCount: data.rows.length,
      truncated: data.truncated,
      columns: data.columns,
      rows: data.rows,
      output: rendered.value.output,
      steps: [
        { name: 'extract' as const, durationMs: data.extractMs },
        { name: 'transform' as const, durationMs: data.transformMs },
        { name: 'render' as const, durationMs: rendered.ms },
      ],
      ...deliveries,
    };
  });
}

async function audited(
  deps: PreviewDeps,
  principal: Principal,
  entityId: string,
  options: PreviewOptions,
  work: () => Promise<ReportPreview>,
): Promise<ReportPreview> {
  const preview = await work();
  await recordAudit({ audit: deps.repos.audit, clock: deps.clock }, principal, {
    action: 'report.previewed',
    entityType: 'report',
    entityId,
    diff: {
      format: preview.format,
      rowLimit: options.rowLimit ?? defaultPreviewRows,
      scheduleId: options.scheduleId ?? null,
    },
  });
  return preview;
}

/** `POST /v1/reports/{id}/dry-run`: the saved report (any report of the tenant its caller may read). */
export async function dryRunReport(
  deps: PreviewDeps,
  principal: Principal,
  reportId: string,
  options: DryRunRequest,
): Promise<ReportPreview> {
  const report = (await readOwned(reportKind(deps.repos), principal, reportId, 'read')).doc;
  return audited(deps, principal, reportId, options ?? {}, () =>
    previewDefinition(deps, principal, report, options ?? {}),
  );
}

/** `POST /v1/reports/preview`: an unsaved definition, checked as a save would check it. */
export async function previewUnsavedReport(
  deps: PreviewDeps,
  principal: Principal,
  request: ReportPreviewRequest,
): Promise<ReportPreview> {
  authorize(principal, 'create');
  assertValidReport(request.report);
  const now = deps.clock().toISOString();
  const report: ReportDefinition = {
    id: 'unsaved',
    tenantId: principal.tenantId,
    ...definitionFields(request.report),
    createdBy: principal.userId,
    createdAt: now,
    updatedAt: now,
  };
  const { report: _definition, ...options } = request;
  return audited(deps, principal, 'unsaved', options, () =>
    previewDefinition(deps, principal, report, options),
  );
}
