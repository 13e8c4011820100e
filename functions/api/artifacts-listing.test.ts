import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedGallery } from '../../shared/app/artifacts/testing/seed-gallery';
import type { Artifact } from '../../shared/contracts/artifact';
import { startApiFixture, viewer, type ApiFixture } from './testing/api-fixture';

let api: ApiFixture;
let tenant: string;
let seeded: Artifact[];
beforeAll(async () => {
  api = await startApiFixture(() => import('./artifacts.js'));
  tenant = api.tenant();
  seeded = await seedGallery(api.deps.repos, tenant, 30);
}, 120_000);
afterAll(() => api.close());

const list = (query: string) =>
  api.call('listArtifacts', { path: `/api/v1/artifacts${query}`, as: viewer(tenant) });

describe('GET /v1/artifacts filters', () => {
  it('pages a filtered gallery with cursors that keep the filter', async () => {
    const query = '?format=pdf&status=succeeded&startDate=2026-03-05&endDate=2026-03-10&limit=2';
    const expected = seeded
      .filter((a) => a.format === 'pdf' && a.status === 'succeeded' && a.createdAt >= '2026-03-05')
      .map((a) => a.id);
    expect(expected.length).toBeGreaterThan(2);
    const ids: string[] = [];
    let res = await list(query);
    for (;;) {
      expect(res.status).toBe(200);
      ids.push(...(res.json.items as { id: string }[]).map((a) => a.id));
      if (!res.json.nextCursor) break;
      res = await list(`${query}&cursor=${res.json.nextCursor as string}`);
    }
    expect(ids).toEqual(expected);
    expect((res.json.items as { status: string }[]).every((a) => a.status === 'succeeded')).toBe(true);
  });

  it('refuses a cursor from another filter', async () => {
    const first = await list('?format=pdf&limit=1');
    const res = await list(`?format=csv&limit=1&cursor=${first.json.nextCursor as string}`);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'cursor' } });
  });

  it.each([
    ['?startDate=yesterday', 'startDate'],
    ['?endDate=2026-02-30T00:00:00', 'endDate'],
    ['?startDate=2026-03-05&endDate=2026-03-04', 'endDate'],
    ['?startDate=2026-03-05T12:00:00Z&endDate=2026-03-05T11:59:59Z', 'endDate'],
    ['?status=done', 'status'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_ERROR');
    expect(JSON.stringify(res.json.error.details)).toContain(field);
  });

  it('accepts one day as both bounds', async () => {
    const res = await list('?startDate=2026-03-08&endDate=2026-03-08&limit=100');
    expect((res.json.items as { createdAt: string }[]).map((a) => a.createdAt.slice(0, 10))).toEqual(
      seeded.filter((a) => a.createdAt.startsWith('2026-03-08')).map(() => '2026-03-08'),
    );
  });
});
