import type { RowChunkedDocument } from '../../app/render/row-chunked-document';
import { countPdfPages } from './count-pdf-pages';
import { createSliceMerger, sliceCut, type PageBand } from './pdf-chunks';

/**
 * Prints one document: the first in the render's own tab (with the thumbnail), the others each in a fresh
 * tab; with the report's header and footer or without. `more`: another print follows, so its tab can be
 * readied while this one prints.
 */
export type PrintDocument = (
  html: string,
  how: { first: boolean; headerFooter: boolean; more: boolean; pageRanges?: string },
) => Promise<Uint8Array>;

/**
 * The header and footer band prints in parts of at most this many pages, each in a fresh tab: Chromium's
 * memory grows with the pages of one print (a band of 1,390 pages took ~200 MB above an idle browser).
 * A part's pages keep their numbers in the whole document: Chromium numbers the pages of a page range
 * as in the whole document ("Page 301 of 1390").
 */
export const bandPartPages = 300;

/** The report's header and footer, printed apart from the slices. */
export interface PageBandOptions {
  title: string;
  /** Pages per band print; default `bandPartPages`. */
  partPages?: number;
}

/** No page of a slice but its first starts with one of its rows: the document is printed whole instead. */
export class RowSlicingFailed extends Error {}

/** N blank pages, for Chromium to print the header and footer on with "page n of N" right. */
function pageBandDocument(pages: number, title: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title><style>html,body{margin:0}div{height:1px;break-after:page}div:last-child{break-after:auto}</style></head><body>${'<div></div>'.repeat(pages)}</body></html>`;
}

/**
 * Pages a slice after the first aims at. Chromium's memory follows the pages of one print (~3 MB a page
 * here), not its rows: a table of tall rows gets slices of fewer rows. 30 pages is about what 1,000 rows
 * of one line make (the bench's report).
 */
export const slicePages = 30;

/**
 * Prints a long table a slice of rows at a time, each slice in a fresh tab, so Chromium never holds more
 * than a slice's pages: `firstRows` rows first, then as many rows as `pagesPerSlice` pages held in the
 * slice before (between a tenth and four times `firstRows`). Every slice but the last drops its last page that
 * starts with a row (and any after it), and the next slice starts with that row (read back from the row
 * markers' links), so each kept page is the page the whole document prints; a page that starts with the
 * rest of a row broken across pages is never where a slice ends, as the next slice could not print that
 * rest alone. Only a slice's last rows carry markers (twice the most rows a page held before); when its
 * last page may start before them, the slice prints again with every row marked. The header and footer
 * are printed apart over as many blank pages, so "page n of N" counts the whole document, and drawn on
 * the merged pages. A slice is parsed and copied (pdf-lib) while the next one prints.
 */
export async function renderInChunks(
  doc: RowChunkedDocument,
  firstRows: number,
  print: PrintDocument,
  band: PageBandOptions | undefined,
  pagesPerSlice = slicePages,
): Promise<{ pdf: Buffer; pages: number }> {
  const merger = createSliceMerger();
  let pages = 0;
  // Rows to mark at a slice's end: twice the most rows a page held so far; all rows until a page is seen.
  let markRows = Infinity;
  let sliceRows = firstRows;
  for (let from = 0; ;) {
    // A short remainder joins this slice rather than printing on its own.
    const to = doc.rowCount - (from + sliceRows) < sliceRows / 2 ? doc.rowCount : from + sliceRows;
    const last = to === doc.rowCount;
    const markFrom = Math.max(from, to - markRows);
    const more = !last || band !== undefined;
    let pdf = await print(doc.slice({ from, to, markFrom }), {
      first: from === 0,
      headerFooter: false,
      more,
    });
    // Keep the pages before the last one that starts with a row; the next slice starts with that row.
    let cut = last ? { page: countPdfPages(pdf) + 1, firstRow: to, mostRowsOnAPage: 0 } : sliceCut(pdf);
    if (!last && markFrom > from && (cut === undefined || cut.firstRow <= markFrom)) {
      // That page may start before the marked rows: print the slice again with all rows marked.
      pdf = await print(doc.slice({ from, to }), { first: false, headerFooter: false, more: true });
      cut = sliceCut(pdf);
    }
    if (cut === undefined || cut.firstRow <= from || cut.page < 2)
      throw new RowSlicingFailed(`slice from row ${from} printed no page break inside its rows`);
    if (cut.mostRowsOnAPage > 0)
      markRows = Math.max(markRows === Infinity ? 0 : markRows, 2 * cut.mostRowsOnAPage + 2);
    const keepPages = cut.page - 1;
    const next = cut.firstRow;
    const rowsPerPage = (next - from) / keepPages;
    sliceRows = Math.min(
      firstRows * 4,
      Math.max(Math.ceil(firstRows / 10), Math.round(pagesPerSlice * rowsPerPage)),
    );
    merger.add(pdf, keepPages);
    pages += keepPages;
    if (last) break;
    from = next;
  }
  const bands: PageBand[] = [];
  if (band) {
    const doc = pageBandDocument(pages, band.title);
    const partPages = band.partPages ?? bandPartPages;
    for (let firstPage = 1; firstPage <= pages; firstPage += partPages) {
      const lastPage = Math.min(pages, firstPage + partPages - 1);
      const pageRanges = `${firstPage}-${lastPage}`;
      const more = lastPage < pages;
      bands.push({
        pdf: await print(doc, { first: false, headerFooter: true, more, pageRanges }),
        firstPage,
      });
    }
  }
  return { pdf: Buffer.from(await merger.finish(bands)), pages };
}
