import { afterEach, expect, it } from 'vitest';
import { runAppHooks } from '../local/functions-core/invoke-function';
import { createChromiumPdfRenderer } from '../shared/adapters/chromium/chromium-pdf-renderer';
import { lazyPdfRenderer } from '../shared/adapters/chromium/lazy-pdf-renderer';
import { installDeps } from './composition-root';
import { loadFunctions, testConfig, testDeps } from './http/testing/http-test-kit';

let uninstall = () => {};
afterEach(() => uninstall());

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

it('the composition root launches no browser until a PDF is rendered', () => {
  const deps = testDeps(testConfig({ PDF_PAGE_POOL_SIZE: '3', PDF_RENDER_TIMEOUT_MS: '5000' }));
  expect(deps.config.PDF_PAGE_POOL_SIZE).toBe(3);
  expect((deps.runs.renderers.pdf as ReturnType<typeof lazyPdfRenderer>).started()).toBe(false);
});

it('the appTerminate hook closes the process’s PDF renderer and its Chromium', async () => {
  const chromium = createChromiumPdfRenderer({ poolSize: 1 });
  const deps = testDeps(testConfig());
  uninstall = installDeps({
    ...deps,
    runs: { ...deps.runs, renderers: { ...deps.runs.renderers, pdf: lazyPdfRenderer(() => chromium) } },
  });
  const app = await loadFunctions(() => import('./lifecycle.js'));
  const { getDeps } = await import('./composition-root.js');
  await getDeps().runs.renderers.pdf.render('<p>hi</p>');
  const pid = chromium.browserProcessId()!;
  expect(alive(pid)).toBe(true);

  await runAppHooks(app, 'appTerminate', process.cwd());
  expect(chromium.browserProcessId()).toBeUndefined();
  expect(alive(pid)).toBe(false);
  await expect(getDeps().runs.renderers.pdf.render('<p>again</p>')).rejects.toMatchObject({
    code: 'RENDER_FAILED',
  });
});
