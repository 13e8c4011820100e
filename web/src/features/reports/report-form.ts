/**
 * The report editor's values: the wire form of ReportRequest (shared/contracts/report-resources.ts), so the API's
 * field errors (`dataSource.parameters[0].name`) and the client's land on the same fields. Empty optional texts
 * are dropped before validation and sending.
 */
import type { z } from 'zod';
import type { ReportDefinition, ReportOutput, ReportParameter } from '../../../../shared/contracts/report';
import type { ReportRequest } from '../../../../shared/contracts/report-resources';

export type PdfOptions = NonNullable<Extract<ReportOutput, { format: 'pdf' }>['options']>;
export type CsvOptions = NonNullable<Extract<ReportOutput, { format: 'csv' }>['options']>;
export type XlsxOptions = NonNullable<Extract<ReportOutput, { format: 'xlsx' }>['options']>;

export interface ReportForm {
  name: string;
  description: string;
  dataSource: { connectionId: string; sql: string; parameters: ReportParameter[] };
  template: { body: string; header: string; footer: string };
  outputs: ReportOutput[];
}

export const BUILT_IN_CONNECTION = 'demo';

export function emptyReportForm(): ReportForm {
  return {
    name: '',
    description: '',
    dataSource: { connectionId: BUILT_IN_CONNECTION, sql: 'select * from sales limit 100', parameters: [] },
    template: {
      body: '<h1>{{ report.name }}</h1>\n<table>\n{% for r in rows %}<tr><td>{{ r.region }}</td><td>{{ r.amount }}</td></tr>{% endfor %}\n</table>',
      header: '',
      footer: '',
    },
    outputs: [{ format: 'pdf', options: { pageSize: 'A4', orientation: 'portrait' } }, { format: 'csv' }],
  };
}

export function toReportRequest(form: ReportForm): z.input<typeof ReportRequest> {
  const { header, footer, body } = form.template;
  return {
    name: form.name,
    ...(form.description.trim() ? { description: form.description } : {}),
    dataSource: {
      connectionId: form.dataSource.connectionId,
      sql: form.dataSource.sql,
      parameters: form.dataSource.parameters.map((p) => ({
        name: p.name,
        type: p.type,
        required: p.required,
        ...(p.default !== undefined && p.default !== '' ? { default: p.default } : {}),
      })),
    },
    template: { body, ...(header.trim() ? { header } : {}), ...(footer.trim() ? { footer } : {}) },
    outputs: form.outputs,
  };
}

export function fromReportDefinition(report: ReportDefinition): ReportForm {
  return {
    name: report.name,
    description: report.description,
    dataSource: {
      connectionId: report.dataSource.connectionId,
      sql: report.dataSource.sql,
      parameters: report.dataSource.parameters,
    },
    template: {
      body: report.template?.body ?? '',
      header: report.template?.header ?? '',
      footer: report.template?.footer ?? '',
    },
    outputs: report.outputs,
  };
}

/** Turns a format on or off, keeping the order csv, json, html, pdf, xlsx and the options of those kept. */
export function toggleFormat(
  outputs: readonly ReportOutput[],
  format: ReportOutput['format'],
  on: boolean,
): ReportOutput[] {
  const kept = outputs.filter((o) => o.format !== format);
  const added: ReportOutput[] = on
    ? [format === 'pdf' ? { format, options: { pageSize: 'A4', orientation: 'portrait' } } : { format }]
    : [];
  const order = ['csv', 'json', 'html', 'pdf', 'xlsx'];
  return [...kept, ...added].sort((a, b) => order.indexOf(a.format) - order.indexOf(b.format));
}

/**
 * Sets the currency of the XLSX output from the editor's two fields: an ISO code and a comma-separated list
 * of columns. Either left blank drops the currency.
 */
export function withXlsxCurrency(
  outputs: readonly ReportOutput[],
  code: string,
  columnList: string,
): ReportOutput[] {
  const columns = columnList
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const upper = code.trim().toUpperCase();
  return outputs.map((o) => {
    if (o.format !== 'xlsx') return o;
    return upper && columns.length
      ? { format: 'xlsx', options: { currency: { code: upper, columns } } }
      : { format: 'xlsx' };
  });
}
