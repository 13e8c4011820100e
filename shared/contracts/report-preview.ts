import { z } from 'zod';
import { Id } from './primitives';
import { OutputFormat } from './report';
import { ReportRequest } from './report-resources';
import { ParameterValues } from './schedule';

/** Rows a preview reads from the query unless it asks for another number, and the most it may ask for. */
export const defaultPreviewRows = 200;
export const maxPreviewRows = 1000;

const previewOptions = {
  format: OutputFormat.optional().meta({
    description: "The format to render; default the report's first output.",
  }),
  parameters: ParameterValues.optional().meta({
    description: "Values for the report's declared parameters (defaults fill the rest).",
  }),
  rowLimit: z
    .number()
    .int()
    .min(1)
    .max(maxPreviewRows)
    .optional()
    .meta({
      description: `Rows read from the query (default ${defaultPreviewRows}); the rest is never read.`,
    }),
  scheduleId: Id.optional().meta({
    description: "Show the emails exactly as this schedule's recipients would get them.",
  }),
};

/** `POST /v1/reports/{id}/dry-run`: the saved report, rendered without being run. */
export const DryRunRequest = z.strictObject(previewOptions).optional().meta({ id: 'DryRunRequest' });
export type DryRunRequest = z.infer<typeof DryRunRequest>;

/** `POST /v1/reports/preview`: an unsaved definition (the editor's current state). */
export const ReportPreviewRequest = z
  .strictObject({ report: ReportRequest, ...previewOptions })
  .meta({ id: 'ReportPreviewRequest' });
export type ReportPreviewRequest = z.infer<typeof ReportPreviewRequest>;

export const PreviewOutput = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('html'),
      html: z.string().meta({ description: 'The document, sanitized as the gallery preview is.' }),
    }),
    z.strictObject({
      kind: z.literal('pdf'),
      url: z.string().meta({ description: 'A signed, read-only URL of the PDF; it expires at expiresAt.' }),
      expiresAt: z.string(),
      bytes: z.number().int(),
      pages: z.number().int().optional(),
      thumbnail: z.string().optional().meta({ description: 'Page 1 as a data:image/png URL.' }),
    }),
    z.strictObject({
      kind: z.literal('text'),
      contentType: z.string(),
      text: z.string().meta({ description: 'The CSV or JSON file as rendered from the previewed rows.' }),
    }),
  ])
  .meta({ id: 'PreviewOutput' });
export type PreviewOutput = z.infer<typeof PreviewOutput>;

export const PreviewEmail = z
  .strictObject({
    recipient: z.string(),
    targetId: z.string().meta({ description: '`schedule-email` or the delivery target id.' }),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    attachment: z.enum(['attached', 'link', 'none']).meta({
      description: 'The PDF attached, a download link instead (too large), or no attachment wanted.',
    }),
    fileName: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'PreviewEmail' });
export type PreviewEmail = z.infer<typeof PreviewEmail>;

export const PreviewStep = z.strictObject({
  name: z.enum(['extract', 'transform', 'render']),
  durationMs: z.number(),
});
export type PreviewStep = z.infer<typeof PreviewStep>;

export const ReportPreview = z
  .strictObject({
    format: OutputFormat,
    rowCount: z.number().int().meta({ description: 'Rows after the transforms, at most rowLimit.' }),
    truncated: z.boolean().meta({ description: 'True when the query had more rows than rowLimit.' }),
    columns: z.array(z.strictObject({ name: z.string(), type: z.string() })),
    rows: z.array(z.record(z.string(), z.unknown())),
    output: PreviewOutput,
    steps: z.array(PreviewStep),
    emails: z.array(PreviewEmail),
    otherDeliveries: z
      .array(z.strictObject({ targetId: z.string(), channel: z.string() }))
      .meta({ description: 'Webhook, Slack and link targets the schedule would also deliver to.' }),
  })
  .meta({ id: 'ReportPreview' });
export type ReportPreview = z.infer<typeof ReportPreview>;
