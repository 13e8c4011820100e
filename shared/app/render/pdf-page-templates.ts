import type { PdfMargins } from '../../ports/pdf-renderer';

/** Used when a report has no footer template: the report's title and "page / pages". */
export const defaultPdfFooter =
  '<div style="display:flex;justify-content:space-between"><span class="title"></span>' +
  '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>';

/**
 * Chromium's running header or footer for every PDF page. Chromium renders it apart from the document
 * (none of its styles apply, default font size is tiny), fills `<span class="pageNumber">`,
 * `totalPages`, `title` and `date`, and loads nothing from the network.
 */
export function pdfPageTemplate(fragment: string, margins: PdfMargins): string {
  const left = margins.left ?? '10mm';
  const right = margins.right ?? '10mm';
  return (
    `<div style="width:100%;margin:0 ${right} 0 ${left};font-family:'Open Sans',Arial,sans-serif;` +
    `font-size:8pt;color:#57606a;-webkit-print-color-adjust:exact;print-color-adjust:exact">${fragment}</div>`
  );
}
