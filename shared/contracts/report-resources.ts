import { z } from 'zod';
import { FreeText, NameText } from './text';
import { pageQuerySchema } from './common';
import { DataSourceRef, ReportDefinition, ReportOutput, ReportTemplate, ReportTransform } from './report';

/** The body of `POST /v1/reports` and `PUT /v1/reports/{id}` (a PUT replaces the whole definition). */
export const ReportRequest = z
  .strictObject({
    name: NameText,
    description: FreeText(2000).optional(),
    dataSource: DataSourceRef,
    transforms: z.array(ReportTransform).max(50).optional(),
    template: ReportTemplate.optional(),
    outputs: z.array(ReportOutput).min(1).max(5),
    active: z.boolean().optional(),
  })
  .meta({ id: 'ReportRequest' });
export type ReportRequest = z.infer<typeof ReportRequest>;

/** A report as the API shows it (the stored definition; its ETag is the `ETag` header). */
export const ReportResource = ReportDefinition.meta({ id: 'Report' });

export const ListReportsQuery = pageQuerySchema;

/** The body the issue asks to be accepted as is: also the OpenAPI example. */
export const exampleReportRequest = {
  name: 'Sales by region',
  dataSource: {
    connectionId: 'demo',
    sql: 'select region, sum(amount) as total from sales group by region order by region',
  },
  template: {
    body: "<h1>{{ report.name }}</h1><table>{% for r in rows %}<tr><td>{{ r.region }}</td><td>{{ r.total | currency: 'USD' }}</td></tr>{% endfor %}</table>",
  },
  outputs: [{ format: 'csv' }, { format: 'pdf' }],
} as const;
