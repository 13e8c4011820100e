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
  /** Aborted when the run is cancelled: the adapter closes the tab and rejects. */
  signal?: AbortSignal;
}

export interface RenderedPdf {
  pdf: Buffer;
  pages: number;
  thumbnailPng?: Buffer;
  /** Requests the document tried to make and were refused (reports load nothing but data: URLs). */
  blockedRequests: number;
}

/**
 * HTML → PDF. A crashed or stuck browser is RENDER_FAILED, retryable. What the document itself causes with
 * the browser still healthy — it does not print within the budget (RENDER_TIMEOUT), cannot be printed with
 * its options, or navigates away from itself — is not retryable: the same document fails the same way.
 */
export interface PdfRenderer {
  render(html: string, options?: PdfRenderOptions): Promise<RenderedPdf>;
  /** Shuts the browser down; renders after this fail. */
  close(): Promise<void>;
}
