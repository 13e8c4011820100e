import type { PDFOptions } from 'puppeteer-core';
import type { PdfRenderOptions } from '../../ports/pdf-renderer';
import { printableArea } from './page-geometry';

const defaultMargin = '10mm';

/** What one render prints with: Chromium's PDF options, and the printable area the tab is laid out in. */
export function printSetup(opts: PdfRenderOptions): {
  area: { width: number; height: number };
  pdfOptions: (timeoutMs: number) => PDFOptions;
} {
  const pageSize = opts.pageSize ?? 'A4';
  const landscape = opts.orientation === 'landscape';
  const margin = {
    top: opts.margins?.top ?? defaultMargin,
    right: opts.margins?.right ?? defaultMargin,
    bottom: opts.margins?.bottom ?? defaultMargin,
    left: opts.margins?.left ?? defaultMargin,
  };
  const header = opts.headerTemplate !== undefined || opts.footerTemplate !== undefined;
  return {
    area: printableArea(pageSize, landscape, margin),
    pdfOptions: (timeoutMs) => ({
      format: pageSize,
      landscape,
      margin,
      printBackground: opts.printBackground ?? true,
      displayHeaderFooter: header,
      ...(header
        ? {
            headerTemplate: opts.headerTemplate ?? '<span></span>',
            footerTemplate: opts.footerTemplate ?? '<span></span>',
          }
        : {}),
      preferCSSPageSize: false,
      // Untagged unless asked: tagged (accessible) PDFs take ~2× the time and ~17× the bytes here.
      tagged: opts.tagged ?? false,
      outline: false,
      timeout: timeoutMs,
    }),
  };
}
