import { createChromiumPdfRenderer } from '../adapters/chromium/chromium-pdf-renderer';
import { lazyPdfRenderer } from '../adapters/chromium/lazy-pdf-renderer';
import { createHtmlRenderer } from '../app/render/html-renderer';
import { createTemplateEngine } from '../app/render/template-engine';
import type { ReportRenderers } from '../app/pipeline/render-format';
import type { AppConfig } from '../config/app-config';

/**
 * Liquid → HTML and HTML → PDF, shared by runs and previews. One browser per process, launched by the first
 * PDF render (an API-only process never starts Chromium); closed by the appTerminate hook.
 */
export function createReportRenderers(config: AppConfig): ReportRenderers {
  return {
    html: createHtmlRenderer(createTemplateEngine()),
    pdf: lazyPdfRenderer(() =>
      createChromiumPdfRenderer({
        poolSize: config.PDF_PAGE_POOL_SIZE,
        renderTimeoutMs: config.PDF_RENDER_TIMEOUT_MS,
        chunkRows: config.PDF_CHUNK_ROWS,
      }),
    ),
    maxTemplateRows: config.TEMPLATE_MAX_ROWS,
  };
}
