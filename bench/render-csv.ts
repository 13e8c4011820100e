/**
 * The CSV and XLSX half of `npm run bench:render`: 1,000,000 rows of the demo DuckDB `sales` table to Blob
 * through the real run path — `extractData` (query → transforms → rows staged in Blob) then `renderArtifact`
 * (staged rows → CSV or XLSX → Blob) — on an in-memory Azurite started here, with the real table repositories
 * and blob store. Each file is read back afterwards (not timed) to check it holds every row.
 * This process's resident memory is sampled every 50 ms; Azurite runs in its own process and is not in it.
 */
import { BlobServiceClient } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { freePort, startAzurite } from '../local/azurite/start-azurite';
import { createBlobArtifactStore } from '../shared/adapters/blob/blob-artifact-store';
import { createDataSourceResolver } from '../shared/adapters/datasources/data-source-resolver';
import { createDuckDbDemoSource } from '../shared/adapters/datasources/duckdb-demo-source';
import { createTableArtifactExpiryIndex } from '../shared/adapters/table/table-artifact-expiry-index';
import { createTableRepositories } from '../shared/adapters/table/table-repositories';
import { createTableService } from '../shared/adapters/table/table-service';
import { createHtmlRenderer } from '../shared/app/render/html-renderer';
import { createTemplateEngine } from '../shared/app/render/template-engine';
import { extractData } from '../shared/app/pipeline/extract-data';
import { renderArtifact } from '../shared/app/pipeline/render-artifact';
import { admitExecutionRequest } from '../shared/app/runs/admit-execution-request';
import type { RunDeps } from '../shared/app/pipeline/run-deps';
import { startRun } from '../shared/app/pipeline/start-run';
import type { ReportDefinition } from '../shared/contracts/report';
import { newId } from '../shared/domain/ids';
import { cpuMs, mb, ms, nodeCpuMs } from './render-stats';

interface Step {
  ms: number;
  /** CPU of this process and of Azurite (its child): what a loaded machine distorts least. */
  cpuMs: number;
  /** The part of cpuMs this process used; the rest is Azurite's. */
  nodeCpuMs: number;
  bytes: number;
}

export interface CsvBenchFigures {
  format: ExportFormat;
  rows: number;
  extract: Step;
  render: Step;
  rss: { before: number; peak: number; after: number };
}

/** The streamed table exports the bench compares. */
export type ExportFormat = 'csv' | 'xlsx';

const tenantId = 'bench';
const id = () => newId(new Date(), (n) => randomBytes(n));

/** This process's resident memory, sampled every 50 ms until stopped; the peak includes the last reading. */
function sampleNodeRss() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return {
    stop() {
      clearInterval(timer);
      return (peak = Math.max(peak, process.memoryUsage().rss));
    },
  };
}

async function measured<T>(
  work: () => Promise<T>,
): Promise<{ out: T; ms: number; cpuMs: number; nodeCpuMs: number }> {
  const cpu0 = cpuMs(process.pid);
  const node0 = nodeCpuMs();
  const started = performance.now();
  const out = await work();
  return {
    out,
    ms: performance.now() - started,
    cpuMs: cpuMs(process.pid) - cpu0,
    nodeCpuMs: nodeCpuMs() - node0,
  };
}

function report(format: ExportFormat): ReportDefinition {
  const now = new Date().toISOString();
  return {
    id: id(),
    tenantId,
    name: 'Every sale',
    description: '',
    // The whole table, every column type of it. (No LIMIT: DuckDB buffers a limited result, ~100 MB here.)
    dataSource: { connectionId: 'demo', sql: 'select * from sales', parameters: [] },
    outputs: [{ format }],
    active: true,
    createdBy: 'bench',
    createdAt: now,
    updatedAt: now,
  };
}

function deps(connectionString: string, demo: RunDeps['dataSources'], rows: number): RunDeps {
  const tables = createTableService({ connectionString });
  return {
    repos: createTableRepositories(tables),
    expiry: createTableArtifactExpiryIndex(tables),
    blobs: createBlobArtifactStore(BlobServiceClient.fromConnectionString(connectionString), 'artifacts'),
    dataSources: demo,
    clock: () => new Date(),
    workerId: 'bench',
    limits: { timeoutMs: 600_000, maxRows: rows },
    // CSV needs neither; a PDF render here would be a bug, so it fails loudly.
    renderers: {
      html: createHtmlRenderer(createTemplateEngine()),
      pdf: { render: () => Promise.reject(new Error('the CSV bench renders no PDF')), close: async () => {} },
      maxTemplateRows: 10_000,
    },
    publishEvent: () => Promise.resolve(),
  };
}

/** One measured run, after DuckDB has built its table and Azurite has started (neither counts). */
export async function benchCsv(rows: number, format: ExportFormat = 'csv'): Promise<CsvBenchFigures> {
  const azurite = await startAzurite({
    location: '',
    inMemory: true,
    blobPort: await freePort(),
    queuePort: await freePort(),
    tablePort: await freePort(),
  });
  const demo = await createDuckDbDemoSource({ rows });
  try {
    const run = deps(
      azurite.connectionString,
      createDataSourceResolver({ demo: () => Promise.resolve(demo) }),
      rows,
    );
    const definition = report(format);
    await run.repos.reports.insert(tenantId, definition);
    const runId = id();
    const orchestrations = { exists: () => Promise.resolve(false), start: () => Promise.resolve() };
    const message = { tenantId, runId, reportId: definition.id, scheduleId: null, fireTime: null };
    await admitExecutionRequest(
      { ...run, orchestrations },
      { ...message, trigger: 'manual', parameters: {}, requestedBy: 'bench' },
    );
    const ref = { tenantId, runId };
    await startRun(run, ref);

    global.gc?.();
    const before = process.memoryUsage().rss;
    const sampler = sampleNodeRss();
    const extract = await measured(() => extractData(run, ref));
    if (!extract.out.ok) throw new Error(`extract failed: ${extract.out.error.message}`);
    const stagedBlob = extract.out.stagedBlob;
    const render = await measured(() => renderArtifact(run, { ...ref, format, stagedBlob }));
    const peak = sampler.stop();
    if (!render.out.ok) throw new Error(`render failed: ${render.out.error.message}`);
    global.gc?.();
    const after = process.memoryUsage().rss;

    // Not a test, but the figures must be of a real export: every row there, one line each.
    if (extract.out.rowCount !== rows) throw new Error(`extracted ${extract.out.rowCount} rows, not ${rows}`);
    const artifact = (await run.repos.artifacts.get(tenantId, render.out.artifactId))!.doc;
    const lines = await (format === 'csv' ? countCsvLines : countSheetRows)(
      await run.blobs.openRead(tenantId, artifact.blobName),
    );
    if (lines !== rows + 1) throw new Error(`the ${format} file has ${lines} rows, not ${rows + 1}`);
    const staged = await BlobServiceClient.fromConnectionString(azurite.connectionString)
      .getContainerClient('artifacts')
      .getBlobClient(stagedBlob)
      .getProperties();
    const step = (m: Omit<Step, 'bytes'>, bytes: number): Step => ({
      ms: m.ms,
      cpuMs: m.cpuMs,
      nodeCpuMs: m.nodeCpuMs,
      bytes,
    });
    return {
      format,
      rows,
      extract: step(extract, staged.contentLength ?? 0),
      render: step(render, render.out.bytes),
      rss: { before, peak, after },
    };
  } finally {
    demo.close();
    await azurite.stop();
  }
}

async function countCsvLines(stream: Readable): Promise<number> {
  let lines = 0;
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) lines++;
  }
  return lines;
}

/** Rows of the workbook's first sheet, read back with exceljs's streaming reader. */
async function countSheetRows(stream: Readable): Promise<number> {
  let count = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { worksheets: 'emit' });
  for await (const sheet of reader) for await (const _row of sheet) count++;
  return count;
}

const perSecond = (rows: number, millis: number) =>
  Math.round((rows / millis) * 1000).toLocaleString('en-US');

/** The CSV table: one line per step and end to end. */
export function csvTable(f: CsvBenchFigures): string[][] {
  const line = (label: string, s: Step) => [
    label,
    ms(s.ms),
    perSecond(f.rows, s.ms),
    `${ms(s.cpuMs)} (Node ${ms(s.nodeCpuMs)})`,
    mb(s.bytes),
  ];
  const total: Step = {
    ms: f.extract.ms + f.render.ms,
    cpuMs: f.extract.cpuMs + f.render.cpuMs,
    nodeCpuMs: f.extract.nodeCpuMs + f.render.nodeCpuMs,
    bytes: f.render.bytes,
  };
  return [
    ['', 'wall', 'rows/s', 'CPU, Node + Azurite', 'bytes'],
    line('extract: DuckDB → staged rows in Blob', f.extract),
    line(`render: staged rows → ${f.format.toUpperCase()} in Blob`, f.render),
    line('end to end', total),
  ];
}

/** CSV and XLSX side by side: rows per second of the render step and end to end, and memory growth. */
export function exportComparison(figures: CsvBenchFigures[]): string[][] {
  return [
    ['', 'rows', 'render rows/s', 'end-to-end rows/s', 'file', 'RSS growth'],
    ...figures.map((f) => [
      f.format.toUpperCase(),
      f.rows.toLocaleString('en-US'),
      perSecond(f.rows, f.render.ms),
      perSecond(f.rows, f.extract.ms + f.render.ms),
      mb(f.render.bytes),
      mb(Math.max(0, f.rss.peak - f.rss.before)),
    ]),
  ];
}
