import { z } from 'zod';
import { Id, IsoDateTime, TenantId } from './primitives';

export const ParameterType = z.enum(['string', 'integer', 'number', 'boolean', 'date', 'datetime']);

export const ReportParameter = z.strictObject({
  name: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/),
  type: ParameterType,
  required: z.boolean().default(false),
  default: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
});

export const DataSourceRef = z.strictObject({
  connectionId: Id,
  sql: z.string().min(1).max(100_000),
  parameters: z.array(ReportParameter).max(50).default([]),
});

export const OutputFormat = z.enum(['csv', 'json', 'html', 'pdf']);
export type OutputFormat = z.infer<typeof OutputFormat>;

export const ReportOutput = z.strictObject({ format: OutputFormat });

export const ReportTemplate = z.strictObject({
  body: z.string().max(500_000),
  header: z.string().max(50_000).optional(),
  footer: z.string().max(50_000).optional(),
});

export const ReportDefinition = z.strictObject({
  id: Id,
  tenantId: TenantId,
  name: z.string().min(1).max(200),
  description: z.string().max(2000).default(''),
  dataSource: DataSourceRef,
  template: ReportTemplate.optional(),
  outputs: z.array(ReportOutput).min(1).max(4),
  active: z.boolean().default(true),
  createdBy: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ReportDefinition = z.infer<typeof ReportDefinition>;
