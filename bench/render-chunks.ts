/**
 * The big PDF's memory: today's single print beside the row-chunked print (PDF_CHUNK_ROWS), per table
 * length, in one run on this machine: median time and Chromium's peak RSS (the whole process tree,
 * sampled every 250 ms during each render), and the median CPU time of Chromium's processes and this
 * one, which a busy machine stretches less than the time. Runs alternate, each after a second's pause;
 * "time ×" and "CPU ×" are the median over runs of each run's figure over that run's single print.
 * Alone: `node --expose-gc dist/bench/render-chunks.js [rows=1000,10000,50000] [runs=3] [slicing=1000,1000/40]`,
 * a slicing being the first slice's rows, then `/` the pages later slices aim at (default 30).
 */
import { loadavg } from 'node:os';
import { createChromiumPdfRenderer } from '../shared/adapters/chromium/chromium-pdf-renderer';
import { createHtmlRenderer } from '../shared/app/render/html-renderer';
import { renderPdfReport } from '../shared/app/render/render-pdf-report';
import { createTemplateEngine } from '../shared/app/render/template-engine';
import { benchInput } from './render-fixture';
import { cpuMs, mb, median, ms, nodeCpuMs, sampleRss } from './render-stats';

/** Above this, the single print is not run: at 50k rows it did not finish within 16 GB. */
const singleMaxRows = 20_000;
const pause = () => new Promise((resolve) => setTimeout(resolve, 1_000));

export async function benchChunks(
  rowCounts: number[],
  runs: number,
  slicings: string[],
  /** Each table length's lines as soon as they are measured. */
  progress: (lines: string[][]) => void = () => undefined,
): Promise<string[][]> {
  const html = createHtmlRenderer(createTemplateEngine());
  const table = [
    [
      'rows',
      'print',
      'median',
      'pages',
      'PDF bytes',
      'Chromium peak RSS',
      'CPU',
      'time ×',
      'CPU ×',
      'load avg',
    ],
  ];
  for (const rows of rowCounts) {
    const input = benchInput(rows);
    const variants = [...(rows <= singleMaxRows ? ['0'] : []), ...slicings];
    const renderers = variants.map((slicing) => {
      const [chunkRows = 0, slicePages] = slicing.split('/').map(Number);
      return createChromiumPdfRenderer({
        poolSize: 1,
        renderTimeoutMs: 600_000,
        chunkRows,
        ...(slicePages ? { slicePages } : {}),
      });
    });
    const results = variants.map(() => ({
      ms: [] as number[],
      cpu: [] as number[],
      peak: 0,
      pages: 0,
      bytes: 0,
    }));
    for (let run = -1; run < (rows > singleMaxRows ? 1 : runs); run++) {
      for (const [i, pdf] of renderers.entries()) {
        await pause();
        const rss = sampleRss(() => pdf.browserProcessId());
        const started = performance.now();
        const cpuBefore = cpuMs(pdf.browserProcessId()) + nodeCpuMs();
        const out = await renderPdfReport({ html, pdf }, input, { pageSize: 'A4' });
        const took = performance.now() - started;
        // Chromium's process tree and this process (the merge): the work, which load does not stretch.
        const cpu = cpuMs(pdf.browserProcessId()) + nodeCpuMs() - cpuBefore;
        rss.stop();
        if (run < 0) continue; // warm-up
        const r = results[i]!;
        r.ms.push(took);
        r.cpu.push(cpu);
        r.peak = Math.max(r.peak, rss.peak());
        r.pages = out.pages;
        r.bytes = out.pdf.length;
      }
    }
    // Each run's figure over the same run's single print, then the median: a machine whose load drifts
    // during the bench moves both prints of a run alike.
    const single = variants[0] === '0' ? results[0] : undefined;
    const ratio = (xs: number[], base: number[] | undefined) =>
      base ? median(xs.map((x, run) => x / base[run]!)).toFixed(2) : '';
    variants.forEach((slicing, i) => {
      const r = results[i]!;
      const m = median(r.ms);
      table.push([
        rows.toLocaleString('en-US'),
        slicing === '0' ? 'single (today)' : `chunked ${slicing}`,
        ms(m),
        String(r.pages),
        String(r.bytes),
        mb(r.peak),
        ms(median(r.cpu)),
        ratio(r.ms, single?.ms),
        ratio(r.cpu, single?.cpu),
        loadavg()[0]!.toFixed(1),
      ]);
    });
    if (rows > singleMaxRows)
      table.push([
        rows.toLocaleString('en-US'),
        'single (today)',
        'not run: > 16 GB',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
      ]);
    progress(table.slice(-variants.length - (rows > singleMaxRows ? 1 : 0)));
    await Promise.all(renderers.map((r) => r.close()));
  }
  return table;
}

/** Columns padded: the first two to the left, the others to the right. */
export function printChunkTable(table: string[][]) {
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  for (const r of table)
    console.log(r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
}

if (require.main === module) {
  const list = (arg: string | undefined, fallback: number[]) => (arg ? arg.split(',').map(Number) : fallback);
  const rows = list(process.argv[2], [1_000, 10_000, 50_000]);
  const runs = Number(process.argv[3] ?? 3);
  const slices = process.argv[4]?.split(',') ?? ['1000', '1000/40'];
  console.log(
    `chunked PDF bench: load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  benchChunks(rows, runs, slices, (lines) => console.log(lines.map((l) => l.join(' | ')).join('\n')))
    .then(printChunkTable)
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
