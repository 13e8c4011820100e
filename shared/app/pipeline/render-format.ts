import type { Readable } from 'node:stream';
import type { OutputFormat, ReportDefinition } from '../../contracts/report';
import type { ExecutionRun } from '../../contracts/run';
import type { Tenant } from '../../contracts/tenant';
import type { Column, Row } from '../../ports/data-source';
import type { PdfRenderer } from '../../ports/pdf-renderer';
import { collectRows } from '../render/collect-rows';
import { renderCsv } from '../render/csv-renderer';
import type { HtmlRenderer } from '../render/html-renderer';
import { renderJson } from '../render/json-renderer';
import { renderPdfReport } from '../render/render-pdf-report';
import { renderXlsx, type XlsxPreview } from '../render/xlsx-renderer';
import type { ReportRenderInput } from '../render/report-render-input';

/** What HTML and PDF rendering needs; one of each per process (the PDF renderer owns the browser). */
export interface ReportRenderers {
  html: HtmlRenderer;
  pdf: PdfRenderer;
  /** Rows an HTML or PDF template may see at once; more is a TEMPLATE_LIMIT user error. */
  maxTemplateRows: number;
}

/** Everything one format is rendered from; the rows are the staged rows, read once. */
export interface FormatInput {
  report: ReportDefinition;
  run: ExecutionRun;
  tenant: Tenant | undefined;
  columns: Column[];
  rows: AsyncIterable<Row>;
  now: Date;
  /** Aborted when the run is cancelled (the PDF render closes its tab). */
  signal?: AbortSignal;
}

/** A rendered file; PDFs also carry their page count and a PNG of page 1, XLSX its first rows. */
export interface RenderedFile {
  body: Readable | Buffer;
  contentType: string;
  pages?: number;
  thumbnailPng?: Buffer;
  /** The first rows, for the artifact preview; complete once `body` has been read to its end. */
  rowsPreview?: () => XlsxPreview;
}

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The options the report gives for this format (csv, pdf and xlsx take some). */
function outputOf<F extends OutputFormat>(report: ReportDefinition, format: F) {
  return report.outputs.find((o) => o.format === format) as
    Extract<ReportDefinition['outputs'][number], { format: F }> | undefined;
}

async function templateInput(renderers: ReportRenderers, input: FormatInput): Promise<ReportRenderInput> {
  return {
    ...(input.report.template ? { template: input.report.template } : {}),
    report: { name: input.report.name, description: input.report.description },
    run: { id: input.run.id, fireTime: input.run.fireTime, parameters: input.run.parameters },
    tenant: {
      name: input.tenant?.name ?? input.run.tenantId,
      timezone: input.tenant?.timezone ?? 'UTC',
    },
    columns: input.columns,
    rows: await collectRows(input.rows, renderers.maxTemplateRows),
    now: input.now,
  };
}

/**
 * Renders one output format. CSV, JSON and XLSX stream; HTML and PDF hold the rows in memory (templates see
 * them all), bounded by `maxTemplateRows`. Template failures are permanent (TEMPLATE_ERROR / _LIMIT);
 * a Chromium failure is RENDER_FAILED, retryable.
 */
export async function renderFormat(
  renderers: ReportRenderers,
  format: OutputFormat,
  input: FormatInput,
): Promise<RenderedFile> {
  switch (format) {
    case 'csv': {
      const options = outputOf(input.report, 'csv')?.options ?? {};
      return { body: renderCsv(input.columns, input.rows, options), contentType: 'text/csv; charset=utf-8' };
    }
    case 'json':
      return { body: renderJson(input.rows), contentType: 'application/json' };
    case 'xlsx': {
      const options = outputOf(input.report, 'xlsx')?.options ?? {};
      const rendered = renderXlsx(input.columns, input.rows, {
        sheetName: input.report.name,
        timeZone: input.tenant?.timezone ?? 'UTC',
        ...(options.currency ? { currency: options.currency } : {}),
      });
      return { body: rendered.body, contentType: xlsxContentType, rowsPreview: rendered.preview };
    }
    case 'html': {
      const html = renderers.html.renderDocument(await templateInput(renderers, input));
      return { body: Buffer.from(html, 'utf8'), contentType: 'text/html; charset=utf-8' };
    }
    case 'pdf': {
      const rendered = await renderPdfReport(
        renderers,
        await templateInput(renderers, input),
        outputOf(input.report, 'pdf')?.options ?? {},
        input.signal,
      );
      return {
        body: rendered.pdf,
        contentType: 'application/pdf',
        pages: rendered.pages,
        ...(rendered.thumbnailPng ? { thumbnailPng: rendered.thumbnailPng } : {}),
      };
    }
  }
}
