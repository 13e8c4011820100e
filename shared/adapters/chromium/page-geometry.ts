import type { PdfMargins, PdfPageSize } from '../../ports/pdf-renderer';

/** Paper sizes in inches (portrait), as Chromium's `format` uses them. */
export const paperInches: Record<PdfPageSize, { width: number; height: number }> = {
  A3: { width: 11.69, height: 16.54 },
  A4: { width: 8.27, height: 11.7 },
  A5: { width: 5.83, height: 8.27 },
  Letter: { width: 8.5, height: 11 },
  Legal: { width: 8.5, height: 14 },
  Tabloid: { width: 11, height: 17 },
};

const pxPer: Record<string, number> = { px: 1, in: 96, cm: 96 / 2.54, mm: 96 / 25.4, pt: 96 / 72 };

/** A CSS length (`10mm`, `0.5in`, `12px`, `1cm`, `8pt`, `0`) in CSS pixels. */
export function cssLengthToPx(length: string | undefined): number {
  if (length === undefined || length === '0') return 0;
  const m = /^(\d+(?:\.\d+)?)(px|in|cm|mm|pt)$/.exec(length);
  if (!m) throw new Error(`not a CSS length: ${length}`);
  return Number(m[1]) * (pxPer[m[2]!] ?? 1);
}

/** The printable area of one page (paper minus margins) in CSS pixels: what Chromium lays the document out in. */
export function printableArea(
  pageSize: PdfPageSize,
  landscape: boolean,
  margins: PdfMargins,
): { width: number; height: number } {
  const paper = paperInches[pageSize];
  const width = (landscape ? paper.height : paper.width) * 96;
  const height = (landscape ? paper.width : paper.height) * 96;
  return {
    width: Math.max(1, Math.floor(width - cssLengthToPx(margins.left) - cssLengthToPx(margins.right))),
    height: Math.max(1, Math.floor(height - cssLengthToPx(margins.top) - cssLengthToPx(margins.bottom))),
  };
}
