/**
 * `npm run bench:web` — the web app's figures, printed (not asserted): gzip JS of the first screen and what
 * each route adds, then the time from navigation to the first gallery card painted, in real Chromium
 * (@sparticuz/chromium's binary), against the built local host with 2,000 artifacts in the gallery.
 * Args: [artifacts=2000] [navigations=5].
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import sparticuz from '@sparticuz/chromium';
import { chromium } from 'playwright-core';
import { azuriteConnectionString, freePort } from '../../local/azurite/start-azurite';
import { createTableRepositories } from '../../shared/adapters/table/table-repositories';
import { createTableService } from '../../shared/adapters/table/table-service';
import { storageTargetFromSettings } from '../../shared/adapters/storage/storage-target';
import { seedGallery } from '../../shared/app/artifacts/testing/seed-gallery';
import { readBundleReport } from './bundle-sizes';

const artifacts = Number(process.argv[2] ?? 2_000);
const navigations = Number(process.argv[3] ?? 5);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const tenant = 'benchweb';

async function startHost() {
  const ports = { blob: await freePort(), queue: await freePort(), table: await freePort() };
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-web-'));
  const child = spawn(process.execPath, [path.resolve('dist/local/main.js'), '--in-memory'], {
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_BASE_URL: url,
      AZURITE_BLOB_PORT: String(ports.blob),
      AZURITE_QUEUE_PORT: String(ports.queue),
      AZURITE_TABLE_PORT: String(ports.table),
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error('the host did not answer /api/health within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, connectionString: azuriteConnectionString('127.0.0.1', ports), stop };
}

async function main() {
  const bundles = readBundleReport(path.resolve('dist/web'));
  console.log(
    `First screen (entry and its static imports): ${kb(bundles.entryGzip)} JS gzip, ${kb(bundles.entryCssGzip)} CSS gzip (budget 250 KB JS)`,
  );
  for (const r of bundles.routes) console.log(`  + ${r.page.padEnd(24)} ${kb(r.addedGzip)} JS gzip`);

  const host = await startHost();
  const browser = await chromium.launch({
    executablePath: await sparticuz.executablePath(),
    args: [
      ...sparticuz.args.filter((a) => !a.startsWith('--headless') && a !== '--single-process'),
      '--no-sandbox',
      '--disable-background-networking',
    ],
    headless: true,
  });
  try {
    const repos = createTableRepositories(
      createTableService(storageTargetFromSettings({ connectionString: host.connectionString })),
    );
    await seedGallery(repos, tenant, artifacts);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${host.url}/gallery`);
    await page.getByRole('textbox', { name: 'Tenant' }).fill(tenant);
    await page.getByRole('textbox', { name: 'User id' }).fill('bench');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('artifact-card').first().waitFor({ timeout: 60_000 });
    const times: number[] = [];
    for (let i = 0; i < navigations; i++) {
      await page.goto(`${host.url}/gallery`);
      await page.getByTestId('artifact-card').first().waitFor();
      times.push(await page.evaluate(() => performance.now()));
    }
    times.sort((a, b) => a - b);
    const cards = await page.getByTestId('artifact-card').count();
    console.log(
      `Gallery with ${artifacts} artifacts: navigation → first card painted, median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms ` +
        `(min ${times[0]!.toFixed(0)}, max ${times.at(-1)!.toFixed(0)} ms, ${navigations} navigations; ${cards} cards in the first page); ` +
        `load average ${loadavg()[0]!.toFixed(1)}`,
    );
  } finally {
    await browser.close();
    host.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
