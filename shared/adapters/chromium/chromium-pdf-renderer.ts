import type { PdfRenderer, PdfRenderOptions, RenderedPdf } from '../../ports/pdf-renderer';
import { createBrowserSupervisor } from './browser-supervisor';
import { countPdfPages } from './count-pdf-pages';
import { createDeadline, StepTimeout } from './deadline';
import { launchChromium } from './launch-chromium';
import { createPagePool } from './page-pool';
import { printSetup } from './print-options';
import { openReportPage } from './report-page';
import { renderFailed } from './render-failure';
import { screenLayoutLimit } from './screen-layout-limit';
import { screenshotPng } from './screenshot-png';

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
  executablePath?: string;
  extraArgs?: string[];
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
    const deadline = createDeadline(opts.timeoutMs ?? renderTimeoutMs);
    let step = 'acquire page';
    const acquiring = pool.acquire(deadline.remainingMs());
    const tab = await deadline
      .step(step, () => acquiring)
      .catch((err: unknown) => {
        // The pool may still hand a tab over after we gave up on it: give it back.
        void acquiring.then(
          (late) => pool.release(late),
          () => undefined,
        );
        throw renderFailed(step, err);
      });
    try {
      const { page } = tab;
      const { area, pdfOptions } = printSetup(opts);
      // Lay the document out at the printed width, so page 1 on screen is page 1 on paper.
      step = 'viewport';
      await deadline.step(step, () =>
        page.setViewport({ width: area.width, height: area.height, deviceScaleFactor: 1 }),
      );
      step = 'load';
      await deadline.step(step, (ms) =>
        page.setContent(html + screenLayoutLimit, { waitUntil: 'load', timeout: ms }),
      );
      const thumbnailWidth = opts.thumbnailWidth ?? options.thumbnailWidth ?? 320;
      let thumbnailPng: Buffer | undefined;
      if (thumbnailWidth > 0) {
        step = 'thumbnail';
        thumbnailPng = await deadline.step(step, () => screenshotPng(tab, area, thumbnailWidth));
      }
      step = 'print';
      const pdf = await deadline.step(step, (ms) => page.pdf(pdfOptions(ms)));
      const result: RenderedPdf = {
        pdf: Buffer.from(pdf),
        pages: countPdfPages(pdf),
        ...(thumbnailPng ? { thumbnailPng } : {}),
        blockedRequests: tab.blockedRequests,
      };
      pool.release(tab);
      return result;
    } catch (err) {
      pool.release(tab);
      // A step that timed out may mean a wedged browser rather than a heavy document: probe it.
      if (err instanceof StepTimeout) void supervisor.recycleIfUnresponsive(stepTimeoutMs);
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
