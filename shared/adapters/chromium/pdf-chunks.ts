import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFObjectCopier,
  PDFRawStream,
  PDFString,
  ParseSpeeds,
  decodePDFRawStream,
  type PDFPage,
} from 'pdf-lib';
import { rowMarkerUrl } from '../../app/render/row-chunked-document';

const markerUri = new RegExp(`/URI\\s*\\(${rowMarkerUrl.replace(/[.\\/]/g, '\\$&')}(end-)?(\\d+)\\)`, 'g');

/** Where each object of a PDF Skia wrote starts and ends (plain objects, never in object streams). */
function objectIndex(text: string): (id: string) => string {
  const starts = new Map<string, number>();
  for (const m of text.matchAll(/(?:^|\s)(\d+) 0 obj\b/g))
    if (!starts.has(m[1]!)) starts.set(m[1]!, m.index + m[0].length);
  return (id) => {
    const start = starts.get(id);
    return start === undefined ? '' : text.slice(start, text.indexOf('endobj', start));
  };
}

/** The rows that start on a page and those that end on it, from its markers' links. */
interface PageMarkers {
  starts: number[];
  ends: number[];
}

function pageMarkers(object: (id: string) => string, page: string): PageMarkers {
  const markers: PageMarkers = { starts: [], ends: [] };
  const annots = /\/Annots\s*(?:\[([^\]]*)\]|(\d+) 0 R)/.exec(page);
  if (!annots) return markers;
  const list = annots[1] ?? /\[([^\]]*)\]/.exec(object(annots[2]!))?.[1] ?? '';
  for (const ref of list.matchAll(/(\d+) 0 R/g))
    for (const m of object(ref[1]!).matchAll(markerUri))
      (m[1] ? markers.ends : markers.starts).push(Number(m[2]));
  return markers;
}

/** Where a printed slice is cut: the pages before `page` are kept, the next slice starts at `firstRow`. */
export interface SliceCut {
  /** The last page (1-based) that starts with a row: with a row's start, not the rest of a row broken across pages. */
  page: number;
  /** The row that page starts with: its lowest row marker. */
  firstRow: number;
  /** The most rows starting on one page before it. */
  mostRowsOnAPage: number;
}

/**
 * The last page of a printed slice, but its first, that starts with a row — the row before it ends on an
 * earlier page, or is not marked (the caller then prints the slice again with every row marked) — and the
 * row it starts with. Pages after it may hold only the collapsed measuring rows. A scan of the file
 * instead of a parse, as the next slice waits for it: Skia writes page objects in page order, each with
 * its `/Annots` array of references.
 */
export function sliceCut(pdf: Uint8Array): SliceCut | undefined {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const object = objectIndex(text);
  const pages = [...text.matchAll(/\/Type\s*\/Page(?![A-Za-z])/g)].map((m) =>
    pageMarkers(object, text.slice(text.lastIndexOf(' obj', m.index), text.indexOf('endobj', m.index))),
  );
  const endsOn = new Map<number, number>();
  pages.forEach(({ ends }, p) => ends.forEach((row) => endsOn.set(row, p)));
  for (let p = pages.length - 1; p >= 1; p--) {
    const { starts } = pages[p]!;
    if (starts.length === 0) continue;
    const firstRow = Math.min(...starts);
    // The row before it breaks across onto this page: the page starts with its rest, not with a row.
    if ((endsOn.get(firstRow - 1) ?? -1) >= p) continue;
    return {
      page: p + 1,
      firstRow,
      mostRowsOnAPage: Math.max(0, ...pages.slice(0, p).map(({ starts: rows }) => rows.length)),
    };
  }
  return undefined;
}

function isRowMarker(annot: unknown): boolean {
  if (!(annot instanceof PDFDict)) return false;
  const action = annot.lookup(PDFName.of('A'));
  const uri = action instanceof PDFDict ? action.lookup(PDFName.of('URI')) : undefined;
  return (
    (uri instanceof PDFString || uri instanceof PDFHexString) && uri.decodeText().startsWith(rowMarkerUrl)
  );
}

function dropRowMarkers(page: PDFPage) {
  const annots = page.node.Annots();
  if (!annots) return;
  const kept = annots.asArray().filter((ref) => !isRowMarker(page.doc.context.lookup(ref)));
  if (kept.length === annots.size()) return;
  if (kept.length === 0) page.node.delete(PDFName.of('Annots'));
  else page.node.set(PDFName.of('Annots'), page.doc.context.obj(kept));
}

/** A page's content as one stream's bytes (still encoded when it is a single stream) and its filter. */
function pageContent(page: PDFPage): { bytes: Uint8Array; dict?: PDFDict } {
  const contents = page.node.Contents();
  const streams = (contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [])
    .map((s) => page.doc.context.lookup(s))
    .filter((s): s is PDFRawStream => s instanceof PDFRawStream);
  if (streams.length === 1) return { bytes: streams[0]!.contents, dict: streams[0]!.dict };
  const parts = streams.map((s) => decodePDFRawStream(s).decode());
  return { bytes: Buffer.concat(parts.flatMap((p) => [p, Buffer.from('\n')])) };
}

/** Chromium's header and footer printed over blank pages: pages `firstPage`, `firstPage` + 1, … */
export interface PageBand {
  pdf: Uint8Array;
  /** The page of the merged document its first page goes on (1-based). */
  firstPage: number;
}

/**
 * Draws page i of `band` onto page `band.firstPage` + i of `out`, as a form XObject. One object copier
 * per band, so its fonts are copied once.
 */
async function drawPageBand(out: PDFDocument, { pdf: bandPdf, firstPage }: PageBand) {
  // On the render's path (no slice prints meanwhile): parsed in one go, not 100 objects per timer.
  const band = await PDFDocument.load(bandPdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const copier = PDFObjectCopier.for(band.context, out.context);
  const pages = out.getPages();
  const { context } = out;
  band.getPages().forEach((bandPage, i) => {
    const page = pages[firstPage - 1 + i];
    if (!page) return;
    const { bytes, dict } = pageContent(bandPage);
    const form = context.obj({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: bandPage.node.MediaBox(),
      Resources: copier.copy(bandPage.node.Resources() ?? context.obj({})),
    });
    for (const key of ['Filter', 'DecodeParms']) {
      const value = dict?.get(PDFName.of(key));
      if (value) form.set(PDFName.of(key), copier.copy(value));
    }
    const formRef = context.register(PDFRawStream.of(form, bytes));
    page.node.normalize();
    const name = page.node.newXObject('PageBand', formRef);
    const start = context.register(PDFRawStream.of(context.obj({}), Buffer.from('q\n')));
    const end = context.register(
      PDFRawStream.of(context.obj({}), Buffer.from(`\nQ\nq ${name.asString()} Do Q\n`)),
    );
    page.node.wrapContentStreams(start, end);
  });
}

/** Builds the merged PDF while slices are still printing. */
export interface SliceMerger {
  /** Queues a printed slice: parsed and its first `keepPages` pages copied in the background. */
  add(pdf: Uint8Array, keepPages: number): void;
  /** Waits for the slices, draws the header and footer bands (when there are), writes the PDF. */
  finish(bands: PageBand[]): Promise<Uint8Array>;
}

/**
 * One PDF from the slices' kept pages, in order, without the row markers' links; then the header and
 * footer band on every page. Fonts stay embedded per slice. pdf-lib parses in small steps, so a slice is
 * parsed and copied while Chromium prints the next one.
 */
export function createSliceMerger(): SliceMerger {
  let merged = PDFDocument.create({ updateMetadata: false });
  merged.catch(() => undefined); // a failure surfaces in finish()
  let first = true;
  return {
    add(pdf, keepPages) {
      const copyFirst = first;
      first = false;
      merged = merged.then(async (out) => {
        const src = await PDFDocument.load(pdf, { updateMetadata: false });
        const indices = Array.from({ length: keepPages }, (_, i) => i);
        if (copyFirst) {
          out.setProducer(src.getProducer() ?? '');
          out.setCreator(src.getCreator() ?? '');
          const title = src.getTitle();
          if (title) out.setTitle(title);
        }
        for (const i of indices) dropRowMarkers(src.getPage(i));
        for (const page of await out.copyPages(src, indices)) out.addPage(page);
        return out;
      });
      merged.catch(() => undefined);
    },
    async finish(bands) {
      const out = await merged;
      for (const band of bands) await drawPageBand(out, band);
      // In one go (~0.1 s at 10k rows) rather than a timer every 50 objects, which took 3× as long.
      return out.save({ useObjectStreams: true, objectsPerTick: Infinity });
    },
  };
}
