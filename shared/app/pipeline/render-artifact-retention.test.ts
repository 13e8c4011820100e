import { describe, expect, it } from 'vitest';
import { createTestRunDeps, demoReport, testId } from '../../../test/support/run-deps';
import type { Tenant } from '../../contracts/tenant';
import { admitExecutionRequest } from '../runs/admit-execution-request';
import { extractData } from './extract-data';
import { renderArtifact } from './render-artifact';
import { startRun } from './start-run';

// Real Azurite and DuckDB: a CSV rendered for a tenant, its expiry read back from the stored artifact.
const noOrchestrator = { exists: () => Promise.resolve(false), start: () => Promise.resolve() };
const DAY_MS = 86_400_000;

async function renderedExpiry(tenant: Partial<Tenant> | null): Promise<number> {
  const now = new Date('2026-11-01T10:00:00Z');
  const deps = { ...createTestRunDeps({ demoRows: 20 }), clock: () => now };
  const tenantId = 'acme';
  if (tenant)
    await deps.repos.tenants.insert(tenantId, {
      id: tenantId,
      name: 'Acme',
      tier: 'standard',
      timezone: 'UTC',
      retentionDays: 30,
      createdAt: now.toISOString(),
      ...tenant,
    });
  const report = demoReport(tenantId, { outputs: [{ format: 'csv' }] });
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
      parameters: {},
      requestedBy: 'user-1',
    },
  );
  const ref = { tenantId, runId };
  await startRun(deps, ref);
  const extracted = await extractData(deps, ref);
  if (!extracted.ok) throw new Error(extracted.error.message);
  const rendered = await renderArtifact(deps, { ...ref, format: 'csv', stagedBlob: extracted.stagedBlob });
  if (!rendered.ok) throw new Error(rendered.error.message);
  const artifact = (await deps.repos.artifacts.get(tenantId, rendered.artifactId))!.doc;
  return (Date.parse(artifact.expiresAt) - now.getTime()) / DAY_MS;
}

describe("a new artifact's expiry follows the tenant's retention", () => {
  it('is the retention days the tenant set', async () => {
    expect(await renderedExpiry({ retentionDays: 7 })).toBe(7);
    expect(await renderedExpiry({ tier: 'premium', retentionDays: 90 })).toBe(90);
  });

  it("stays within the tier's bound after a downgrade, and is a new tenant's 30 days without a record", async () => {
    expect(await renderedExpiry({ tier: 'standard', retentionDays: 90 })).toBe(30);
    expect(await renderedExpiry(null)).toBe(30);
  });
});
