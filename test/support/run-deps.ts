import { BlobServiceClient } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import { createBlobArtifactStore } from '../../shared/adapters/blob/blob-artifact-store';
import { createDataSourceResolver } from '../../shared/adapters/datasources/data-source-resolver';
import { createDuckDbDemoSource } from '../../shared/adapters/datasources/duckdb-demo-source';
import { createTableArtifactExpiryIndex } from '../../shared/adapters/table/table-artifact-expiry-index';
import { createTableRepositories } from '../../shared/adapters/table/table-repositories';
import { createTableService } from '../../shared/adapters/table/table-service';
import type { RunDeps } from '../../shared/app/runs/run-deps';
import type { ReportDefinition } from '../../shared/contracts/report';
import { newId } from '../../shared/domain/ids';
import { testConnectionString, uniqueName } from './storage';

/** Real adapters on the test Azurite and a small DuckDB, with table names no other test shares. */
export function createTestRunDeps(options: { demoRows?: number } = {}): RunDeps {
  const connectionString = testConnectionString();
  const tables = createTableService({ connectionString }, { prefix: uniqueName('t') });
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
