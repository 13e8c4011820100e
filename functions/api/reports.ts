import { readOwned } from '../../shared/app/audit/audited-documents';
import { deleteReport } from '../../shared/app/reports/delete-report';
import { reportKind } from '../../shared/app/reports/report-kind';
import { createReport, updateReport } from '../../shared/app/reports/save-report';
import {
  exampleReportRequest,
  ListReportsQuery,
  ReportRequest,
  ReportResource,
} from '../../shared/contracts/report-resources';
import { defineCrudEndpoints } from '../http/crud-endpoints';

const placeholders =
  'SQL placeholders must match the declared parameters (DuckDB `$name`, PostgreSQL `$1..$n`, SQL Server ' +
  '`@name`); the template must parse as Liquid (errors give line and column).';

/** `/v1/reports`: report definitions (query, transforms, template, outputs). */
export const reportEndpoints = defineCrudEndpoints({
  name: 'Report',
  plural: 'Reports',
  path: 'reports',
  label: 'Report',
  tag: 'reports',
  request: ReportRequest,
  resource: ReportResource,
  listQuery: ListReportsQuery,
  example: exampleReportRequest,
  summaries: {
    create: 'Create a report definition',
    list: 'List report definitions, oldest first',
    get: 'One report definition (its ETag is the version to send in If-Match)',
    update: 'Replace a report definition (owner or tenant admin; If-Match guards against lost updates)',
    delete: 'Delete a report definition (refused while schedules or event triggers use it)',
  },
  descriptions: {
    create: placeholders,
    update: `${placeholders} Send the \`ETag\` you read in \`If-Match\` to refuse a lost update (412).`,
    list: 'Pages of up to 100 (`limit`, default 20) with `cursor` / `nextCursor`, oldest first.',
    get: 'The report definition with its `ETag`: the version to send in `If-Match` when replacing or deleting it.',
    delete:
      'Deletes the report definition; 409 CONFLICT while a schedule or an event trigger uses it. Send the `ETag` in `If-Match` to refuse deleting a version you have not seen (412).',
  },
  errors: { delete: ['CONFLICT'] },
  readers: ['tenant_admin', 'report_creator', 'viewer'],
  writers: ['tenant_admin', 'report_creator'],
  create: (deps, principal, body) => createReport(deps, principal, body),
  list: (deps, principal, query, cursor) =>
    deps.repos.reports.list(principal.tenantId, { limit: query.limit, cursor }),
  read: (deps, principal, id) => readOwned(reportKind(deps.repos), principal, id),
  update: (deps, principal, id, body, ifMatched) => updateReport(deps, principal, id, body, ifMatched),
  remove: (deps, principal, id, ifMatched) => deleteReport(deps, principal, id, ifMatched),
});
