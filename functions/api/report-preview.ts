import { dryRunReport, previewUnsavedReport } from '../../shared/app/preview/preview-report';
import { idParamsSchema } from '../../shared/contracts/common';
import {
  defaultPreviewRows,
  DryRunRequest,
  maxPreviewRows,
  ReportPreview,
  ReportPreviewRequest,
} from '../../shared/contracts/report-preview';
import { exampleReportRequest } from '../../shared/contracts/report-resources';
import type { Deps } from '../composition-root';
import type { Principal } from '../../shared/app/auth/principal';
import { applyRateLimit } from '../http/apply-rate-limit';
import { defineEndpoint } from '../http/define-endpoint';

const what =
  `Runs extract → transform → render on at most \`rowLimit\` rows (default ${defaultPreviewRows}, at most ` +
  `${maxPreviewRows}) and returns the rendered output (HTML sanitized inline, CSV/JSON as text, PDF as a ` +
  'signed URL valid for 15 minutes with page 1 as a PNG), the rows, the time of each step and — with ' +
  "`scheduleId` — every email exactly as each of that schedule's recipients would get it. Sends nothing and " +
  'writes no run or artifact; audited as `report.previewed`. Template and query errors are 400 ' +
  'VALIDATION_ERROR naming `template.body` or `dataSource.sql` with `line` and `column`. Previews have ' +
  'their own per-tenant limit (`PREVIEW_REQUESTS_PER_MINUTE`): 429 with `retryAfterSeconds`.';

/** Previews count against their own small limit (the API's own limit has already been applied). */
const countPreview = (deps: Deps, principal: Principal) =>
  applyRateLimit({ rateLimiter: deps.preview.rateLimiter, tenantTier: deps.tenantTier }, principal, {});

export const dryRunReportEndpoint = defineEndpoint({
  name: 'dryRunReport',
  method: 'POST',
  route: 'v1/reports/{id}/dry-run',
  summary: 'Dry run: render the saved report and show its emails, without running or sending',
  description: what,
  tags: ['reports'],
  roles: ['tenant_admin', 'report_creator'] as const,
  params: idParamsSchema,
  body: DryRunRequest,
  errors: ['NOT_FOUND', 'RATE_LIMITED'],
  responses: { 200: ReportPreview },
  examples: { request: { format: 'html', rowLimit: 50 } },
  handler: async ({ principal, params, body }, deps) => {
    await countPreview(deps, principal);
    return dryRunReport(deps.preview, principal, params.id, body);
  },
});

export const previewReportEndpoint = defineEndpoint({
  name: 'previewReport',
  method: 'POST',
  route: 'v1/reports/preview',
  summary: 'Preview an unsaved report definition (the editor as you type)',
  description: `${what} The definition is checked as a save would check it.`,
  tags: ['reports'],
  roles: ['tenant_admin', 'report_creator'] as const,
  body: ReportPreviewRequest,
  errors: ['NOT_FOUND', 'RATE_LIMITED'],
  responses: { 200: ReportPreview },
  examples: { request: { report: exampleReportRequest, format: 'csv', rowLimit: 20 } },
  handler: async ({ principal, body }, deps) => {
    await countPreview(deps, principal);
    return previewUnsavedReport(deps.preview, principal, body);
  },
});
