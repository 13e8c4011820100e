import { afterAll, expect, it } from 'vitest';
import { AppError } from '../../domain/errors';
import { createChromiumPdfRenderer } from './chromium-pdf-renderer';
import { pdfText } from './testing/poppler';

// Real Chromium, killed with SIGKILL while it renders.
const renderer = createChromiumPdfRenderer({ poolSize: 1, renderTimeoutMs: 30_000 });
afterAll(() => renderer.close());

const big = `<!DOCTYPE html><html><body><table>${Array.from(
  { length: 8000 },
  (_, i) => `<tr><td>row ${i}</td><td>${i * 3}</td><td>some longer text in a third column</td></tr>`,
).join('')}</table></body></html>`;

it('a render in flight when Chromium dies fails retryable; the next render relaunches and succeeds', async () => {
  await renderer.render('<p>warm</p>'); // launches the browser
  const firstPid = renderer.browserProcessId();
  expect(firstPid).toBeTypeOf('number');

  const inFlight = renderer.render(big).then(
    () => undefined,
    (err: unknown) => err,
  );
  await new Promise((resolve) => setTimeout(resolve, 400));
  process.kill(firstPid!, 'SIGKILL');
  const err = await inFlight;

  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('RENDER_FAILED');
  expect((err as AppError).retryable).toBe(true);

  const next = await renderer.render('<p>after the crash</p>');
  expect(pdfText(next.pdf)).toBe('after the crash');
  expect(renderer.browserProcessId()).toBeTypeOf('number');
  expect(renderer.browserProcessId()).not.toBe(firstPid);
});

it("a render over its time budget names the step and frees its tab: the document's time is the tenant's, waiting for the browser is retried", async () => {
  const err: unknown = await renderer.render(big, { timeoutMs: 150 }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  const failure = err as AppError;
  // Which step the budget runs out in depends on the machine's load (even waiting for the tab).
  const step = failure.details['step'] as string;
  expect(['acquire page', 'viewport', 'load', 'thumbnail', 'print']).toContain(step);
  if (['load', 'thumbnail', 'print'].includes(step)) {
    // The browser was healthy and the document used the budget: the same HTML would time out again.
    expect(failure).toMatchObject({ code: 'RENDER_TIMEOUT', retryable: false });
    expect(failure.message).toMatch(/within the PDF time limit of 150 ms/);
  } else {
    expect(failure).toMatchObject({ code: 'RENDER_FAILED', retryable: true });
    expect(failure.message).toMatch(/timed out after/);
  }
  // One tab in the pool: had the failed render kept it, this one would wait for it and time out.
  const next = await renderer.render('<p>still serving</p>', { timeoutMs: 10_000 });
  expect(pdfText(next.pdf)).toBe('still serving');
});

it('after close(), renders fail and the browser process is gone', async () => {
  const pid = renderer.browserProcessId();
  await renderer.close();
  await expect(renderer.render('<p>x</p>')).rejects.toMatchObject({ code: 'RENDER_FAILED' });
  expect(() => process.kill(pid!, 0)).toThrow();
});
