import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFObjectCopier,
  PDFRawStream,
  PDFString,
  decodePDFRawStream,
  type PDFPage,
} from 'pdf-lib';
import { rowMarkerUrl } from '../../app/render/row-chunked-document';

const markerUri = new RegExp(`/URI\\s*\\(${rowMarkerUrl.replace(/[.\\/]/g, '\\$&')}(\\d+)\\)`, 'g');

/** The text of object `id` in a PDF Skia wrote (plain objects, never in object streams). */
function objectText(text: string, id: string): string {
  const start = text.search(new RegExp(`(^|\\s)${id} 0 obj\\b`));
  return start < 0 ? '' : text.slice(start, text.indexOf('endobj', start));
}

function markedRows(text: string, page: string): number[] {
  const annots = /\/Annots\s*(?:\[([^\]]*)\]|(\d+) 0 R)/.exec(page);
  if (!annots) return [];
  const list = annots[1] ?? /\[([^\]]*)\]/.exec(objectText(text, annots[2]!))?.[1] ?? '';
  return [...list.matchAll(/(\d+) 0 R/g)].flatMap((ref) =>
    [...objectText(text, ref[1]!).matchAll(markerUri)].map((m) => Number(m[1])),
  );
}

/**
 * The last page of a printed slice that shows rows (1-based; pages after it hold only the collapsed
 * measuring rows), and the row it starts with: its lowest row marker. A scan of the file instead of a
 * parse, as the next slice waits for it: Skia writes page objects in page order, each with its `/Annots`
 * array of references.
 */
export function lastPageWithRows(pdf: Uint8Array): { page: number; firstRow: number } | undefined {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const pages = [...text.matchAll(/\/Type\s*\/Page(?![A-Za-z])/g)].map((m) => m.index);
  for (let i = pages.length - 1; i >= 0; i--) {
    const at = pages[i]!;
    const rows = markedRows(text, text.slice(text.lastIndexOf(' obj', at), text.indexOf('endobj', at)));
    if (rows.length > 0) return { page: i + 1, firstRow: Math.min(...rows) };
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

/**
 * Draws page i of `band` (Chromium's header and footer, printed over blank pages) onto page i of `out`,
 * as a form XObject. One object copier for all pages, so the band's fonts are copied once.
 */
async function drawPageBands(out: PDFDocument, bandPdf: Uint8Array) {
  const band = await PDFDocument.load(bandPdf, { updateMetadata: false });
  const copier = PDFObjectCopier.for(band.context, out.context);
  const pages = out.getPages();
  const { context } = out;
  band.getPages().forEach((bandPage, i) => {
    const page = pages[i];
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
  /** Waits for the slices, draws the header and footer band (when there is one), writes the PDF. */
  finish(band?: Uint8Array): Promise<Uint8Array>;
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
    async finish(band) {
      const out = await merged;
      if (band) await drawPageBands(out, band);
      return out.save({ useObjectStreams: true });
    },
  };
}
