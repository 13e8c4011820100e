import { afterAll, describe, expect, it } from 'vitest';
import { createChromiumPdfRenderer } from './chromium-pdf-renderer';

// Real Chromium: what the document itself causes is a user error (not retried); a cancel closes the tab.
const renderer = createChromiumPdfRenderer({ poolSize: 1, renderTimeoutMs: 60_000 });
afterAll(() => renderer.close());

const failure = (html: string, options: Parameters<typeof renderer.render>[1] = {}) =>
  renderer.render(html, { thumbnailWidth: 0, ...options }).then(
    () => undefined,
    (err: unknown) =>
      err as { code: string; retryable: boolean; message: string; details: Record<string, unknown> },
  );

describe('PDF renders that will fail again', () => {
  it('a document that does not print within its budget: RENDER_TIMEOUT, not retryable, with a fix', async () => {
    await renderer.render('<p>warm</p>', { thumbnailWidth: 0 }); // the launch is not the document's time
    const err = await failure('<div style="height:20000000px">x</div>', { timeoutMs: 2_000 });
    expect(err).toMatchObject({ code: 'RENDER_TIMEOUT', retryable: false, details: { timeoutMs: 2_000 } });
    expect(err?.details.suggestedFix).toMatch(/lighter/);
    expect((await renderer.render('<p>after</p>', { thumbnailWidth: 0 })).pages).toBe(1); // browser fine
  }, 30_000);

  it('a document that cannot be printed with its options: RENDER_FAILED, not retryable', async () => {
    const err = await failure('<p>x</p>', { margins: { top: '200mm', bottom: '200mm' } });
    expect(err).toMatchObject({ code: 'RENDER_FAILED', retryable: false });
  });

  it('a document that navigates away (meta refresh) fails instead of printing a blank page', async () => {
    const err = await failure(
      '<meta http-equiv="refresh" content="0;url=https://example.com"><p>original</p>',
    );
    expect(err).toMatchObject({ code: 'RENDER_FAILED', retryable: false });
    expect(err?.message).toMatch(/navigated away/);
  });

  it('a cancel closes the tab and ends the render with the cancel reason, long before its budget', async () => {
    const controller = new AbortController();
    const reason = new Error('run cancelled');
    const rendering = failure('<div style="height:20000000px">x</div>', {
      timeoutMs: 600_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(reason), 1_500); // by then it prints (the 2 s budget above ran out there)
    expect(await rendering).toBe(reason); // the budget would have given RENDER_TIMEOUT after 10 minutes
    expect((await renderer.render('<p>next</p>', { thumbnailWidth: 0 })).pages).toBe(1);
  }, 30_000);
});
