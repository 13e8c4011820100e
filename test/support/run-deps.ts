import { BlobServiceClient } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import { createChromiumPdfRenderer } from '../../shared/adapters/chromium/chromium-pdf-renderer';
import { lazyPdfRenderer } from '../../shared/adapters/chromium/lazy-pdf-renderer';
import { createHtmlRenderer } from '../../shared/app/render/html-renderer';
import { createTemplateEngine } from '../../shared/app/render/template-engine';
import type { PdfRenderer } from '../../shared/ports/pdf-renderer';
import type { PublishEvent } from '../../shared/app/subscriptions/publish-event';
import { createBlobArtifactStore } from '../../shared/adapters/blob/blob-artifact-store';
import { createDataSourceResolver } from '../../shared/adapters/datasources/data-source-resolver';
import { createDuckDbDemoSource } from '../../shared/adapters/datasources/duckdb-demo-source';
import { createTableArtifactExpiryIndex } from '../../shared/adapters/table/table-artifact-expiry-index';
import { createTableRepositories } from '../../shared/adapters/table/table-repositories';
import { createTableService, type TableService } from '../../shared/adapters/table/table-service';
import type { RunDeps } from '../../shared/app/pipeline/run-deps';
import { extractData } from '../../shared/app/pipeline/extract-data';
import { startRun } from '../../shared/app/pipeline/start-run';
import { admitExecutionRequest } from '../../shared/app/runs/admit-execution-request';
import type { ReportDefinition } from '../../shared/contracts/report';
import type { ParameterValues } from '../../shared/contracts/schedule-parameters';
import { newId } from '../../shared/domain/ids';
import { testConnectionString, uniqueName } from './storage';

let sharedPdf: PdfRenderer | undefined;

/**
 * One real Chromium per test file (lazy: files that never render a PDF never launch it). Vitest runs each
 * file in its own worker, so the browser goes when the worker does; `closeTestPdfRenderer` closes it sooner.
 */
function sharedTestPdfRenderer(): PdfRenderer {
  sharedPdf ??= lazyPdfRenderer(() => createChromiumPdfRenderer({ poolSize: 1 }));
  return sharedPdf;
}

export async function closeTestPdfRenderer(): Promise<void> {
  await sharedPdf?.close();
  sharedPdf = undefined;
}

/** Real adapters on the test Azurite and a small DuckDB, with table names no other test shares. */
export function createTestRunDeps(
  options: {
    demoRows?: number;
    pdf?: PdfRenderer;
    maxTemplateRows?: number;
    /** Where finishRun's events go; by default nowhere (tests about events pass a real queue). */
    publishEvent?: PublishEvent;
    /** The tables of the run rows (a quota that inserts run rows with its count must share them). */
    tables?: TableService;
  } = {},
): RunDeps {
  const connectionString = testConnectionString();
  const tables = options.tables ?? createTableService({ connectionString }, { prefix: uniqueName('t') });
  return {
    repos: createTableRepositories(tables),
    expiry: createTableArtifactExpiryIndex(tables),
    blobs: createBlobArtifactStore(
      BlobServiceClient.fromConnectionString(connectionString),
      uniqueName('artifacts'),
    ),
    dataSources: createDataSourceResolver({
      demo: () => createDuckDbDemoSource({ rows: options.demoRows ?? 5_000 }),
    }),
    clock: () => new Date(),
    workerId: 'test-worker',
    limits: { timeoutMs: 10_000, maxRows: 1_000_000 },
    renderers: {
      html: createHtmlRenderer(createTemplateEngine()),
      pdf: options.pdf ?? sharedTestPdfRenderer(),
      maxTemplateRows: options.maxTemplateRows ?? 10_000,
    },
    publishEvent: options.publishEvent ?? (() => Promise.resolve()),
  };
}

export const testId = () => newId(new Date(), (n) => randomBytes(n));

export function demoReport(tenantId: string, overrides: Partial<ReportDefinition> = {}): ReportDefinition {
  const now = new Date().toISOString();
  return {
    id: testId(),
    tenantId,
    name: 'Sales by region',
    description: '',
    dataSource: {
      connectionId: 'demo',
      sql: 'select region, sum(amount) as total, count(*) as orders from sales where quantity >= $minQty group by region order by region',
      parameters: [{ name: 'minQty', type: 'integer', required: false, default: 1 }],
    },
    outputs: [{ format: 'csv' }],
    active: true,
    createdBy: 'user-1',
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

const noOrchestrator = { exists: () => Promise.resolve(false), start: () => Promise.resolve() };

/**
 * The report stored and a manual run of it admitted (no orchestration is started), started and extracted:
 * where the render steps' own tests begin. An extract that fails throws with its message.
 */
export async function stagedRun(
  deps: RunDeps,
  tenantId: string,
  report: ReportDefinition,
  parameters: ParameterValues = {},
) {
  await deps.repos.reports.insert(tenantId, report);
  const runId = testId();
  await admitExecutionRequest(
    { ...deps, orchestrations: noOrchestrator },
    {
      tenantId,
      runId,
      reportId: report.id,
      scheduleId: null,
      trigger: 'manual',
      fireTime: null,
      parameters,
      requestedBy: 'user-1',
    },
  );
  const ref = { tenantId, runId };
  const started = await startRun(deps, ref);
  const out = await extractData(deps, ref);
  if (!out.ok) throw new Error(out.error.message);
  return { ref, started, stagedBlob: out.stagedBlob };
}
