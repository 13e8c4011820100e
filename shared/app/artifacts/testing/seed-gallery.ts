import type { Artifact } from '../../../contracts/artifact';
import type { OutputFormat } from '../../../contracts/report';
import type { RunStatus } from '../../../contracts/run';
import type { Repositories } from '../../../ports/repositories';

const reports = ['r-alpha', 'r-beta', 'r-gamma'];
const formats: OutputFormat[] = ['csv', 'pdf'];
const statuses: (RunStatus | undefined)[] = ['succeeded', 'failed', undefined];

/**
 * A gallery of `count` artifacts, one every 5 hours back from 2026-03-10T12:00Z (so days hold four or
 * five), cycling through three reports, two formats and succeeded / failed / no status (older records).
 */
export async function seedGallery(repos: Repositories, tenantId: string, count: number): Promise<Artifact[]> {
  const start = Date.parse('2026-03-10T12:00:00.000Z');
  const artifacts: Artifact[] = [];
  for (let i = 0; i < count; i++) {
    const id = `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
    const status = statuses[i % 3];
    const artifact: Artifact = {
      id,
      tenantId,
      runId: `00000000-0000-7000-9000-${String(Math.floor(i / 2)).padStart(12, '0')}`,
      reportId: reports[i % 3 === 0 ? 0 : i % 4 === 0 ? 1 : 2]!,
      format: formats[i % 2]!,
      contentType: 'text/csv',
      bytes: 10,
      checksum: '0'.repeat(64),
      blobName: `tenants/${tenantId}/a/${id}`,
      fileName: 'report.csv',
      createdAt: new Date(start - i * 5 * 3_600_000).toISOString(),
      expiresAt: '2027-01-01T00:00:00.000Z',
      ...(status ? { status } : {}),
    };
    await repos.artifacts.insert(tenantId, artifact);
    artifacts.push(artifact);
  }
  return artifacts;
}
