/**
 * `npm run bench:render` — the render figures, side by side in one run on this machine:
 * 1. CSV, then XLSX, of 1,000,000 DuckDB rows to Blob through the real extract and render activities
 *    (render-csv.ts), then the two side by side: rows/s and memory;
 * 2. the spec's 10k-row single-chart PDF: (a) our render path (Liquid → HTML → ChromiumPdfRenderer, page-1
 *    thumbnail included) and (b) raw puppeteer newPage + setContent + pdf on the same HTML, same Chromium
 *    flags, same PDF options. (a) is also run without its thumbnail, to show what the thumbnail costs. Runs
 *    alternate after one warm-up each, each starting after a second's pause;
 * 3. Liquid's share of (a). Ends with every target and its verdict;
 * 4. the big PDF's memory: today's single print beside the row-chunked print for 1k / 10k / 50k rows
 *    (render-chunks.ts). Prints figures; not a test.
 * Args: [rows=10000] [runs=7] [csvRows=1000000].
 */
import { createChromiumPdfRenderer } from '../shared/adapters/chromium/chromium-pdf-renderer';
import { countPdfPages } from '../shared/adapters/chromium/count-pdf-pages';
import { launchChromium } from '../shared/adapters/chromium/launch-chromium';
import { cpus, loadavg } from 'node:os';
import type { PdfRenderer } from '../shared/ports/pdf-renderer';
import { createHtmlRenderer } from '../shared/app/render/html-renderer';
import { defaultPdfMargins, renderPdfReport } from '../shared/app/render/render-pdf-report';
import { createTemplateEngine } from '../shared/app/render/template-engine';
import { benchChunks, printChunkTable } from './render-chunks';
import { benchCsv, csvTable, exportComparison } from './render-csv';
import { benchInput } from './render-fixture';
import { cpuMs, mb, median, ms, nodeCpuMs, percentile, sampleRss } from './render-stats';

const rowCount = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 7);
const csvRows = Number(process.argv[4] ?? 1_000_000);

interface Run {
  ms: number;
  cpuMs: number;
  bytes: number;
  pages: number;
  htmlMs: number;
  thumbnail: number;
}

/** Columns padded: the first to the left, the others to the right. */
function printTable(table: string[][]) {
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  for (const r of table) {
    console.log(
      r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '),
    );
  }
}

async function main() {
  console.log(
    `render bench: Node ${process.version}; ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}`,
  );
  // First, before Chromium starts: its processes are not this one's memory, but its start-up is CPU.
  console.log(
    `\nCSV: ${csvRows.toLocaleString('en-US')} rows of the demo sales table → Blob (in-memory Azurite)`,
  );
  const csv = await benchCsv(csvRows);
  printTable(csvTable(csv));
  const csvRssGrowth = csv.rss.peak - csv.rss.before;
  console.log(
    `Node RSS before ${mb(csv.rss.before)}, peak ${mb(csv.rss.peak)}, after ${mb(csv.rss.after)}: growth ${mb(csvRssGrowth)}`,
  );
  console.log(
    `\nXLSX: the same ${csvRows.toLocaleString('en-US')} rows → Blob; load average ${loadavg()[0]!.toFixed(1)}`,
  );
  const xlsx = await benchCsv(csvRows, 'xlsx');
  printTable(csvTable(xlsx));
  console.log('\nCSV beside XLSX (render step: staged rows → file in Blob; RSS growth = peak − before)');
  printTable(exportComparison([csv, xlsx]));

  const input = benchInput(rowCount);
  const html = createHtmlRenderer(createTemplateEngine());
  const pdf = createChromiumPdfRenderer({ poolSize: 1, renderTimeoutMs: 300_000 });
  const printable = html.renderPrintable(input, defaultPdfMargins);
  const raw = await launchChromium({ timeoutMs: 30_000, protocolTimeoutMs: 300_000 });
  const rawPid = raw.process()?.pid;
  const withoutThumbnail: PdfRenderer = {
    render: (doc, options) => pdf.render(doc, { ...options, thumbnailWidth: 0 }),
    close: () => pdf.close(),
  };

  async function measure(pid: () => number | undefined, render: () => Promise<Omit<Run, 'ms' | 'cpuMs'>>) {
    // Start each run from a quiet browser: the previous run's tab is still exiting (freeing ~2 GB).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const cpu0 = cpuMs(pid()) + nodeCpuMs();
    const started = performance.now();
    const out = await render();
    return { ...out, ms: performance.now() - started, cpuMs: cpuMs(pid()) + nodeCpuMs() - cpu0 };
  }
  const rawRender = () =>
    measure(
      () => rawPid,
      async () => {
        const page = await raw.newPage();
        await page.setContent(printable.html, { waitUntil: 'load', timeout: 300_000 });
        const bytes = await page.pdf({
          format: 'A4',
          margin: defaultPdfMargins,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: printable.headerTemplate,
          footerTemplate: printable.footerTemplate,
          tagged: false,
          outline: false,
          timeout: 300_000,
        });
        await page.close();
        return { bytes: bytes.length, pages: countPdfPages(bytes), htmlMs: 0, thumbnail: 0 };
      },
    );
  const oursRender = (tagged = false, withThumbnail = true) =>
    measure(
      () => pdf.browserProcessId(),
      async () => {
        const deps = { html, pdf: withThumbnail ? pdf : withoutThumbnail };
        const out = await renderPdfReport(deps, input, { pageSize: 'A4', tagged });
        const thumbnail = out.thumbnailPng?.length ?? 0;
        return { bytes: out.pdf.length, pages: out.pages, htmlMs: out.timings.htmlMs, thumbnail };
      },
    );

  console.log(
    `\nPDF: ${rowCount} rows, one chart; ${runs} runs each after 1 warm-up, alternating; load average ${loadavg()[0]!.toFixed(1)}`,
  );
  await oursRender();
  await rawRender();
  const oursRss = sampleRss(() => pdf.browserProcessId());
  const rawRss = sampleRss(() => rawPid);
  const ours: Run[] = [];
  const base: Run[] = [];
  const bare: Run[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(await oursRender());
    base.push(await rawRender());
    bare.push(await oursRender(false, false));
  }
  // Peaks before the tagged run, which needs far more memory.
  const oursPeak = mb(oursRss.peak());
  const rawPeak = mb(rawRss.peak());
  oursRss.stop();
  rawRss.stop();
  const tagged = await oursRender(true);

  const med = (rs: Run[], f: (r: Run) => number) => median(rs.map(f));
  const p95 = (rs: Run[]) =>
    percentile(
      rs.map((r) => r.ms),
      0.95,
    );
  const line = (label: string, rs: Run[], peak: string) => {
    const m = med(rs, (r) => r.ms);
    return [
      label,
      ms(m),
      rs.length > 1 ? ms(p95(rs)) : '',
      ms(med(rs, (r) => r.cpuMs)),
      (m / rs[0]!.pages).toFixed(1),
      String(rs[0]!.pages),
      String(rs[0]!.bytes),
      peak,
    ];
  };
  const table = [
    ['', 'median', 'p95', 'CPU (median)', 'ms/page', 'pages', 'PDF bytes', 'Chromium peak RSS'],
    line('(a) ours: Liquid→HTML→PdfRenderer', ours, oursPeak),
    line('(b) raw puppeteer setContent+pdf', base, rawPeak),
    line('(a) without the thumbnail', bare, ''),
    line('(a) tagged, 1 run', [tagged], ''),
  ];
  printTable(table);
  const oursMs = med(ours, (r) => r.ms);
  const ratio = oursMs / med(base, (r) => r.ms);
  const cpuRatio = med(ours, (r) => r.cpuMs) / med(base, (r) => r.cpuMs);
  const bareRatio = med(bare, (r) => r.ms) / med(base, (r) => r.ms);
  const liquidShare = med(ours, (r) => r.htmlMs / r.ms);
  console.log(
    `CPU ratio (a)/(b): ${cpuRatio.toFixed(2)}; wall ratio without the thumbnail: ${bareRatio.toFixed(2)}; thumbnail PNG ${ours[0]!.thumbnail} bytes; tagged vs untagged: ${(tagged.ms / oursMs).toFixed(1)}× time, ${(tagged.bytes / ours[0]!.bytes).toFixed(1)}× bytes`,
  );

  const csvMs = csv.extract.ms + csv.render.ms;
  const csvRate = (csv.rows / csvMs) * 1000;
  const verdict = (ok: boolean) => (ok ? 'OK' : 'MISSED');
  console.log(`\nTargets, all from this run; load average at the end ${loadavg()[0]!.toFixed(1)}`);
  printTable([
    ['', 'measured', 'target', ''],
    ['PDF: (a)/(b) median wall', ratio.toFixed(2), '≤ 1.15', verdict(ratio <= 1.15)],
    ['PDF: (a) median, untagged', ms(oursMs), '< 6000 ms', verdict(oursMs < 6000)],
    [
      "PDF: Liquid's share of (a), median",
      `${(liquidShare * 100).toFixed(1)} % (${ms(med(ours, (r) => r.htmlMs))})`,
      '≤ 5 %',
      verdict(liquidShare <= 0.05),
    ],
    [
      `CSV: ${csv.rows.toLocaleString('en-US')} rows end to end`,
      `${Math.round(csvRate).toLocaleString('en-US')} rows/s`,
      '≥ 200,000 rows/s',
      verdict(csvRate >= 200_000),
    ],
    [
      'CSV: Node RSS growth (peak − before)',
      mb(csvRssGrowth),
      '< 100 MB',
      verdict(csvRssGrowth < 100 * 2 ** 20),
    ],
  ]);
  await pdf.close();
  await raw.close();

  console.log(
    `\nPDF memory: single print vs row slices (PDF_CHUNK_ROWS); load average ${loadavg()[0]!.toFixed(1)}`,
  );
  printChunkTable(await benchChunks([1_000, 10_000, 50_000], 3, ['1000', '1000/40']));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
