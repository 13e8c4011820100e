import type { PdfRenderer } from '../../ports/pdf-renderer';
import { renderFailed } from './render-failure';

/**
 * A PdfRenderer built on its first render: a process that never renders a PDF (an API-only instance, a
 * CSV-only workload) never launches Chromium. `close()` before the first render does nothing; renders
 * after `close()` fail like the underlying renderer's do.
 */
export function lazyPdfRenderer(create: () => PdfRenderer): PdfRenderer & { started(): boolean } {
  let renderer: PdfRenderer | undefined;
  let closed = false;
  return {
    started: () => renderer !== undefined,
    render(html, options) {
      if (closed && !renderer)
        return Promise.reject(renderFailed('start', new Error('the PDF renderer is closed')));
      renderer ??= create();
      return renderer.render(html, options);
    },
    async close() {
      closed = true;
      await renderer?.close();
    },
  };
}
