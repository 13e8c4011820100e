import type { z } from 'zod';
import type { PdfOutputOptions } from '../../contracts/report';
import type { PdfMargins, PdfRenderer, RenderedPdf } from '../../ports/pdf-renderer';
import type { HtmlRenderer } from './html-renderer';
import type { ReportRenderInput } from './report-render-input';

export interface PdfReportDeps {
  html: HtmlRenderer;
  pdf: PdfRenderer;
}

export interface RenderedPdfReport extends RenderedPdf {
  /** Where the time went: Liquid → HTML, then Chromium (for the generation-time metric). */
  timings: { htmlMs: number; pdfMs: number };
}

/** Room for the running header and footer (page numbers) that every report PDF carries. */
export const defaultPdfMargins = {
  top: '16mm',
  right: '12mm',
  bottom: '16mm',
  left: '12mm',
} satisfies Required<PdfMargins>;

/** Liquid → HTML → PDF (plus a page-1 thumbnail), with the report's page size, orientation, margins, tagging. */
export async function renderPdfReport(
  deps: PdfReportDeps,
  input: ReportRenderInput,
  options: z.infer<typeof PdfOutputOptions> = {},
  signal?: AbortSignal,
): Promise<RenderedPdfReport> {
  const margins = { ...defaultPdfMargins, ...options.margins };
  const started = performance.now();
  const printable = deps.html.renderPrintable(input, margins);
  const htmlDone = performance.now();
  const rendered = await deps.pdf.render(printable.html, {
    ...options,
    margins,
    headerTemplate: printable.headerTemplate,
    footerTemplate: printable.footerTemplate,
    ...(signal ? { signal } : {}),
  });
  return { ...rendered, timings: { htmlMs: htmlDone - started, pdfMs: performance.now() - htmlDone } };
}
