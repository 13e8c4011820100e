import { beforeAll, describe, expect, it } from 'vitest';
import { countedTestTables } from '../../../test/support/storage';
import { createTableRepositories } from '../../adapters/table/table-repositories';
import type { Artifact } from '../../contracts/artifact';
import type { Repositories } from '../../ports/repositories';
import { listArtifacts, type ArtifactListQuery } from './list-artifacts';
import { seedGallery } from './testing/seed-gallery';

const tenantId = 'gallery';
let repos: Repositories;
let count: { requests: number };
let all: Artifact[];

beforeAll(async () => {
  const t = countedTestTables('gal');
  ({ count } = t);
  repos = createTableRepositories(t.tables);
  all = await seedGallery(repos, tenantId, 90);
  await seedGallery(repos, 'other-tenant', 12);
}, 120_000);

type Filter = Omit<ArtifactListQuery, 'limit' | 'cursor'>;

/** Every page of a filtered listing, with what each page cost in Table requests. */
async function pageThrough(filter: Filter, limit: number) {
  const pages: { ids: string[]; requests: number }[] = [];
  let cursor: string | null = null;
  do {
    const before = count.requests;
    const page = await listArtifacts(repos, tenantId, { ...filter, limit, cursor });
    pages.push({ ids: page.items.map((a) => a.id), requests: count.requests - before });
    cursor = page.nextCursor;
  } while (cursor && pages.length < 50);
  return pages;
}

const inRange = (a: Artifact, from: string | undefined, to: string | undefined) =>
  (!from || a.createdAt >= from) && (!to || a.createdAt <= to);

describe('listing artifacts with filters (Azurite)', () => {
  const cases: [string, Filter, (a: Artifact) => boolean][] = [
    ['no filter', {}, () => true],
    ['report', { reportId: 'r-beta' }, (a) => a.reportId === 'r-beta'],
    ['format', { format: 'pdf' }, (a) => a.format === 'pdf'],
    ['status', { status: 'failed' }, (a) => a.status === 'failed'],
    [
      'report + format + status',
      { reportId: 'r-gamma', format: 'csv', status: 'failed' },
      (a) => a.reportId === 'r-gamma' && a.format === 'csv' && a.status === 'failed',
    ],
    [
      'days (UTC, both whole days)',
      { startDate: '2026-03-01', endDate: '2026-03-04' },
      (a) => inRange(a, '2026-03-01T00:00:00.000Z', '2026-03-04T23:59:59.999Z'),
    ],
    [
      'instants with offsets, inclusive, + format',
      { startDate: '2026-03-05T09:00:00+02:00', endDate: '2026-03-08T07:00:00Z', format: 'csv' },
      (a) => a.format === 'csv' && inRange(a, '2026-03-05T07:00:00.000Z', '2026-03-08T07:00:00.000Z'),
    ],
    [
      'report + status + only an end',
      { reportId: 'r-alpha', status: 'succeeded', endDate: '2026-03-06' },
      (a) =>
        a.reportId === 'r-alpha' &&
        a.status === 'succeeded' &&
        inRange(a, undefined, '2026-03-06T23:59:59.999Z'),
    ],
  ];

  it.each(cases)(
    '%s: full pages, newest first, each one query, exactly the matching artifacts',
    async (_n, filter, match) => {
      const expected = all.filter(match).map((a) => a.id); // seeded newest first
      expect(expected.length).toBeGreaterThan(0);
      const pages = await pageThrough(filter, 7);
      expect(pages.flatMap((p) => p.ids)).toEqual(expected);
      // Every page but the last is full: nothing is filtered after the read.
      for (const page of pages.slice(0, -1)) expect(page.ids).toHaveLength(7);
      for (const page of pages) expect(page.requests).toBe(1);
    },
  );

  it('counts an instant on a bound in, and the millisecond past it out', async () => {
    const target = all[40]!;
    const at = (iso: string, deltaMs: number) => new Date(Date.parse(iso) + deltaMs).toISOString();
    const ids = async (startDate: string, endDate: string) =>
      (await listArtifacts(repos, tenantId, { startDate, endDate, limit: 100, cursor: null })).items.map(
        (a) => a.id,
      );
    expect(await ids(target.createdAt, target.createdAt)).toEqual([target.id]);
    expect(await ids(at(target.createdAt, 1), at(target.createdAt, 3_600_000))).toEqual([]);
    expect(await ids(at(target.createdAt, -3_600_000), at(target.createdAt, -1))).toEqual([]);
  });

  it('filters a run’s artifacts by date and format too', async () => {
    const run = all[10]!.runId;
    const ofRun = all.filter((a) => a.runId === run);
    expect(ofRun).toHaveLength(2);
    const page = await listArtifacts(repos, tenantId, {
      runId: run,
      format: ofRun[1]!.format,
      limit: 20,
      cursor: null,
    });
    expect(page.items.map((a) => a.id)).toEqual([ofRun[1]!.id]);
    const none = await listArtifacts(repos, tenantId, {
      runId: run,
      startDate: '2027-01-01',
      limit: 20,
      cursor: null,
    });
    expect(none.items).toEqual([]);
  });
});
