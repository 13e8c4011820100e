import type { z } from 'zod';
import type { PdfOutputOptions } from '../contracts/report';

type PdfOutput = z.infer<typeof PdfOutputOptions>;
export type PdfPageSize = NonNullable<PdfOutput['pageSize']>;
export type PdfMargins = NonNullable<PdfOutput['margins']>;

/** A report's PDF options (pageSize, orientation, margins, tagged) plus what the render path adds. */
export interface PdfRenderOptions extends PdfOutput {
  /**
   * Chromium page header/footer HTML, repeated on every page; `<span class="pageNumber">`,
   * `totalPages`, `title` and `date` are filled in. Either one turns the header/footer band on.
   */
  headerTemplate?: string;
  footerTemplate?: string;
  /** Default true. */
  printBackground?: boolean;
  /** Width in pixels of a PNG of page 1 taken during the same render; 0 for none. Adapter default ~320. */
  thumbnailWidth?: number;
  /** Budget for the whole render; the adapter's default when absent. */
  timeoutMs?: number;
}

export interface RenderedPdf {
  pdf: Buffer;
  pages: number;
  thumbnailPng?: Buffer;
  /** Requests the document tried to make and were refused (reports load nothing but data: URLs). */
  blockedRequests: number;
}

/**
 * HTML → PDF. Failures are AppError RENDER_FAILED, retryable (a crashed or stuck browser, a timeout):
 * the template's own errors happen before, in the HTML renderer.
 */
export interface PdfRenderer {
  render(html: string, options?: PdfRenderOptions): Promise<RenderedPdf>;
  /** Shuts the browser down; renders after this fail. */
  close(): Promise<void>;
}
