import type { PdfRenderer, PdfRenderOptions, RenderedPdf } from '../../ports/pdf-renderer';
import { createBrowserSupervisor } from './browser-supervisor';
import { countPdfPages } from './count-pdf-pages';
import { createDeadline } from './deadline';
import { launchChromium } from './launch-chromium';
import { createPagePool } from './page-pool';
import { printSetup } from './print-options';
import { renderInChunks, RowSlicingFailed, type PrintDocument } from './render-in-chunks';
import { rowChunkedDocument } from '../../app/render/row-chunked-document';
import { openReportPage, type ReportPage } from './report-page';
import { documentFailed, documentNavigated, renderFailed } from './render-failure';
import { screenLayoutLimit } from './screen-layout-limit';
import { screenshotPng } from './screenshot-png';
import { createTabSuccession } from './tab-succession';

export interface ChromiumPdfRendererOptions {
  /** Renders in flight at once, each in a fresh tab (as many kept ready). Default 2. */
  poolSize?: number;
  /**
   * Chromium's --single-process, which @sparticuz/chromium recommends for AWS Lambda's sandbox. Off by
   * default: one process per tab frees a render's memory when its tab closes (single-process kept
   * 2–4 GB after 10k-row PDFs) and was faster here. Turn on only where Chromium cannot fork.
   */
  singleProcess?: boolean;
  /** Budget for one render (waiting for a tab, loading, printing, the thumbnail). Default 60 s. */
  renderTimeoutMs?: number;
  /** Default 30 s. */
  launchTimeoutMs?: number;
  /** Thumbnail width when a render does not say; 0 for none. Default 320 px. */
  thumbnailWidth?: number;
  /**
   * Tables longer than 1.5× this many rows print this many rows at a time, each slice in a fresh tab,
   * merged into one PDF: Chromium's memory follows the slice, not the report. 0 prints every document
   * whole (and tagged PDFs always are). Default 0.
   */
  chunkRows?: number;
  /** Pages each slice after the first aims at; default `slicePages` (30). */
  slicePages?: number;
  /** Pages per print of a sliced PDF's header and footer band; default `bandPartPages` (300). */
  bandPartPages?: number;
  executablePath?: string;
  extraArgs?: string[];
}

/** The steps that work on the tenant's document (the others wait for a tab or size the viewport). */
const documentSteps = new Set(['load', 'thumbnail', 'print']);

/** A promise that rejects with the signal's reason once it aborts (and never settles otherwise). */
function rejectOnAbort(signal: AbortSignal | undefined): Promise<never> {
  const aborted = new Promise<never>((_, reject) =>
    signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true }),
  );
  aborted.catch(() => undefined);
  return aborted;
}

export interface ChromiumPdfRenderer extends PdfRenderer {
  /** The running browser's process id, if one runs. */
  browserProcessId(): number | undefined;
}

/**
 * PdfRenderer on headless Chromium (puppeteer-core + @sparticuz/chromium): one browser per process,
 * launched lazily and relaunched after it crashes or disconnects, a small pool of tabs, JavaScript off
 * and the network closed. A render in flight when the browser dies fails with a retryable RENDER_FAILED.
 */
export function createChromiumPdfRenderer(options: ChromiumPdfRendererOptions = {}): ChromiumPdfRenderer {
  const renderTimeoutMs = options.renderTimeoutMs ?? 60_000;
  const launchTimeoutMs = options.launchTimeoutMs ?? 30_000;
  const stepTimeoutMs = Math.min(10_000, renderTimeoutMs);
  const chunkRows = options.chunkRows ?? 0;
  const supervisor = createBrowserSupervisor(() =>
    launchChromium({
      executablePath: options.executablePath,
      timeoutMs: launchTimeoutMs,
      protocolTimeoutMs: renderTimeoutMs + launchTimeoutMs,
      extraArgs: options.extraArgs,
      singleProcess: options.singleProcess ?? false,
    }),
  );
  const pool = createPagePool({
    size: options.poolSize ?? 2,
    browser: () => supervisor.browser(),
    openPage: openReportPage,
    stepTimeoutMs,
  });
  let closed = false;

  async function render(html: string, opts: PdfRenderOptions = {}): Promise<RenderedPdf> {
    if (closed) throw renderFailed('start', new Error('the PDF renderer is closed'));
    opts.signal?.throwIfAborted();
    const budgetMs = opts.timeoutMs ?? renderTimeoutMs;
    const deadline = createDeadline(budgetMs);
    // Each step also ends when the run is cancelled; the tab is then closed, which stops Chromium's work.
    const cancelled = rejectOnAbort(opts.signal);
    const run = <T>(name: string, work: (ms: number) => Promise<T>) =>
      deadline.step(name, (ms) => Promise.race([work(ms), cancelled]));
    let step = 'acquire page';
    const acquiring = pool.acquire(deadline.remainingMs());
    const tab = await run(step, () => acquiring).catch((err: unknown) => {
      // The pool may still hand a tab over after we gave up on it: give it back.
      void acquiring.then(
        (late) => pool.release(late),
        () => undefined,
      );
      throw opts.signal?.aborted ? opts.signal.reason : renderFailed(step, err);
    });
    // setContent does not navigate: a main-frame navigation is the document leaving itself (meta refresh).
    let navigations = 0;
    const watch = (t: typeof tab) =>
      t.page.on('framenavigated', (frame) => void (frame === t.page.mainFrame() && (navigations += 1)));
    watch(tab);
    let current = tab;
    const tabs = createTabSuccession(pool); // a sliced print's further tabs
    try {
      const { area, pdfOptions } = printSetup(opts);
      const thumbnailWidth = opts.thumbnailWidth ?? options.thumbnailWidth ?? 320;
      let thumbnailPng: Buffer | undefined;
      let blockedRequests = 0;
      // Lay the document out at the printed width, so page 1 on screen is page 1 on paper.
      const sizeTab = (t: ReportPage) =>
        t.page.setViewport({ width: area.width, height: area.height, deviceScaleFactor: 1 });
      const print: PrintDocument = async (doc, { first, headerFooter, more, pageRanges }) => {
        if (first) {
          step = 'viewport';
          await run(step, () => sizeTab(current));
        } else {
          step = 'acquire page';
          blockedRequests += current.blockedRequests;
          current = await run(step, () => tabs.next(current, sizeTab));
          watch(current);
        }
        if (more) tabs.prepareNext(sizeTab);
        const { page } = current;
        step = 'load';
        await run(step, (ms) => page.setContent(doc + screenLayoutLimit, { waitUntil: 'load', timeout: ms }));
        // A refresh navigates sooner or later (before the print: a blank page; after: a lucky one): refuse it.
        if (first && (await run(step, () => page.$('meta[http-equiv="refresh" i]'))))
          throw documentNavigated();
        if (first && thumbnailWidth > 0) {
          step = 'thumbnail';
          thumbnailPng = await run(step, () => screenshotPng(current, area, thumbnailWidth));
        }
        step = 'print';
        const pdf = await run(step, (ms) =>
          page.pdf({
            ...pdfOptions(ms),
            ...(!headerFooter ? { displayHeaderFooter: false, headerTemplate: '', footerTemplate: '' } : {}),
            ...(pageRanges ? { pageRanges } : {}),
          }),
        );
        if (navigations > 0) throw documentNavigated();
        return pdf;
      };
      const chunked = chunkRows > 0 && !opts.tagged ? rowChunkedDocument(html, chunkRows * 1.5) : undefined;
      const headerFooter = opts.headerTemplate !== undefined || opts.footerTemplate !== undefined;
      const whole = (first: boolean) =>
        print(html, { first, headerFooter, more: false }).then((pdf) => ({
          pdf: Buffer.from(pdf),
          pages: countPdfPages(pdf),
        }));
      const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? '';
      const band = { title, ...(options.bandPartPages ? { partPages: options.bandPartPages } : {}) };
      const printed = chunked
        ? await renderInChunks(
            chunked,
            chunkRows,
            print,
            headerFooter ? band : undefined,
            options.slicePages,
          ).catch((err: unknown) => {
            // Rows too tall for a slice to end in a page break: print the document whole after all.
            if (err instanceof RowSlicingFailed) return whole(false);
            throw err;
          })
        : await whole(true);
      const result: RenderedPdf = {
        ...printed,
        ...(thumbnailPng ? { thumbnailPng } : {}),
        blockedRequests: blockedRequests + current.blockedRequests,
      };
      tabs.close(current);
      pool.release(current);
      return result;
    } catch (err) {
      tabs.close(current);
      pool.release(current); // closes the tab
      if (opts.signal?.aborted) throw opts.signal.reason;
      if (navigations > 0) throw documentNavigated(); // whatever broke, it left its own page first
      // A failed document step may be a wedged browser or the document itself: probe the browser.
      if (documentSteps.has(step) && (await supervisor.recycleIfUnresponsive(stepTimeoutMs)))
        throw documentFailed(step, err, budgetMs);
      throw renderFailed(step, err);
    }
  }

  return {
    render,
    browserProcessId: () => supervisor.processId(),
    async close() {
      closed = true;
      pool.close();
      await supervisor.close();
    },
  };
}
