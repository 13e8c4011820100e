import { describe, expect, it } from 'vitest';
import { createTestRunDeps, demoReport, stagedRun } from '../../../test/support/run-deps';
import type { Tenant } from '../../contracts/tenant';
import { renderArtifact } from './render-artifact';

// Real Azurite and DuckDB: a CSV rendered for a tenant, its expiry read back from the stored artifact.
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
  const { ref, stagedBlob } = await stagedRun(deps, tenantId, report);
  const rendered = await renderArtifact(deps, { ...ref, format: 'csv', stagedBlob });
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
