import { z } from 'zod';
import { Id, IsoDateTime, TenantId } from './primitives';
import { Transform as ReportTransform } from './transform';

export { Transform as ReportTransform } from './transform';

export const ParameterType = z.enum(['string', 'integer', 'number', 'boolean', 'date', 'datetime']);
export type ParameterType = z.infer<typeof ParameterType>;

export const ReportParameter = z.strictObject({
  name: z
    .string()
    .regex(
      /^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/,
      'must be a name of letters, digits and _ (not starting with a digit)',
    ),
  type: ParameterType,
  required: z.boolean().default(false),
  default: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
});
export type ReportParameter = z.infer<typeof ReportParameter>;

export const DataSourceRef = z.strictObject({
  connectionId: Id,
  sql: z.string().min(1).max(100_000),
  parameters: z.array(ReportParameter).max(50).default([]),
});

export const OutputFormat = z.enum(['csv', 'json', 'html', 'pdf', 'xlsx']);
export type OutputFormat = z.infer<typeof OutputFormat>;

/** A CSS length as Chromium's PDF margins take it: `10mm`, `0.5in`, `12px`, `1cm`, `0`. */
const CssLength = z
  .string()
  .regex(/^(0|\d{1,4}(\.\d{1,3})?(mm|cm|in|px|pt))$/, 'must be a length like 10mm, 1cm, 0.5in, 12px or 0');

export const CsvOutputOptions = z.strictObject({
  delimiter: z.enum([',', ';', '\t', '|']).optional(),
  /** A UTF-8 byte order mark, for Excel. */
  bom: z.boolean().optional(),
});

export const PdfOutputOptions = z.strictObject({
  pageSize: z.enum(['A3', 'A4', 'A5', 'Letter', 'Legal', 'Tabloid']).optional(),
  orientation: z.enum(['portrait', 'landscape']).optional(),
  margins: z
    .strictObject({
      top: CssLength.optional(),
      right: CssLength.optional(),
      bottom: CssLength.optional(),
      left: CssLength.optional(),
    })
    .optional(),
  /** Tagged (accessible) PDF: 3–4× slower to render and much larger, so opt-in (DESIGN D8). */
  tagged: z.boolean().optional(),
});

/** An Excel workbook: one sheet named after the report; the named columns shown in a currency. */
export const XlsxOutputOptions = z.strictObject({
  currency: z
    .strictObject({
      /** ISO 4217 code, e.g. EUR; shown as its symbol where it has a common one. */
      code: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like EUR'),
      columns: z.array(z.string().min(1).max(200)).min(1).max(100),
    })
    .optional(),
});

/** One rendered output; csv, pdf and xlsx take options. */
export const ReportOutput = z.discriminatedUnion('format', [
  z.strictObject({ format: z.literal('csv'), options: CsvOutputOptions.optional() }),
  z.strictObject({ format: z.literal('json') }),
  z.strictObject({ format: z.literal('html') }),
  z.strictObject({ format: z.literal('pdf'), options: PdfOutputOptions.optional() }),
  z.strictObject({ format: z.literal('xlsx'), options: XlsxOutputOptions.optional() }),
]);
export type ReportOutput = z.infer<typeof ReportOutput>;

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
  /** Applied in order to the query's rows before rendering (executed by a later issue). */
  transforms: z.array(ReportTransform).max(50).optional(),
  template: ReportTemplate.optional(),
  outputs: z.array(ReportOutput).min(1).max(5),
  active: z.boolean().default(true),
  createdBy: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ReportDefinition = z.infer<typeof ReportDefinition>;
