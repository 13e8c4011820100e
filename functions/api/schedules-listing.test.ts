/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- assertions walk parsed JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnectionString } from '../../test/support/storage';
import type { HttpResult } from '../http/testing/http-test-kit';
import { API_TAGS } from './openapi-tags';
import { startSchedulesApi, type Caller, type SchedulesApi } from './schedules-test-fixture';

let api: SchedulesApi;
let reportId: string;
beforeAll(async () => {
  api = await startSchedulesApi(testConnectionString());
  reportId = (await api.addReport('t1')).id;
});
afterAll(() => api.close());

const alice: Caller = { tenantId: 't1', userId: 'alice', roles: ['report_creator'] };
const viewer: Caller = { tenantId: 't1', userId: 'val', roles: ['viewer'] };

const json = (res: HttpResult) => res.json as Record<string, any>;
async function create(as: Caller, overrides: Record<string, unknown> = {}) {
  const res = await api.call('POST', '/api/v1/schedules', {
    as,
    body: { reportId, cronExpr: '0 9 * * *', timezone: 'UTC', ...overrides },
  });
  expect(res.status, res.text).toBe(201);
  return { id: json(res).id as string };
}

describe('GET /api/v1/schedules', () => {
  it("lists one report's schedules page by page", async () => {
    const other = await api.addReport('t1');
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await create(alice, { reportId: other.id })).id);
    const first = await api.call('GET', `/api/v1/schedules?reportId=${other.id}&limit=2`, { as: viewer });
    expect(json(first).items.map((s: { id: string }) => s.id)).toEqual(ids.slice(0, 2));
    const cursor = json(first).nextCursor as string;
    const second = await api.call('GET', `/api/v1/schedules?reportId=${other.id}&limit=2&cursor=${cursor}`, {
      as: viewer,
    });
    expect(json(second).items.map((s: { id: string }) => s.id)).toEqual(ids.slice(2));
    expect(json(second).nextCursor).toBeNull();
  });

  it('reads a schedule stored before rules existed as a cron schedule', async () => {
    const at = '2026-01-01T00:00:00Z';
    const legacy = {
      id: 'legacy-1',
      tenantId: 't1',
      reportId,
      kind: 'cron',
      cronExpr: '15 * * * *',
      timezone: 'UTC',
      active: true,
      parameters: {},
      nextRunAt: null,
      createdBy: 'alice',
      createdAt: at,
      updatedAt: at,
    };
    await api.repos.schedules.insert('t1', legacy as never);
    const res = await api.call('GET', '/api/v1/schedules/legacy-1', { as: alice });
    expect(json(res)).toMatchObject({
      kind: 'cron',
      cronExpr: '15 * * * *',
      timezone: 'UTC',
      misfirePolicy: { kind: 'fire_once' },
    });
  });
});

describe('OpenAPI', () => {
  it('documents every schedules operation, the body kinds and the spec example', async () => {
    const { apiEndpoints } = await import('../http/define-endpoint.js');
    const { buildOpenApiDocument } = await import('../http/openapi-document.js');
    const doc = buildOpenApiDocument(apiEndpoints.list(), {
      title: 't',
      version: '1',
      tags: API_TAGS,
    }) as Record<string, any>;
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/schedules',
      '/api/v1/schedules/preview',
      '/api/v1/schedules/{id}',
      '/api/v1/schedules/{id}/next',
      '/api/v1/schedules/{id}/pause',
      '/api/v1/schedules/{id}/resume',
      '/api/v1/schedules/{id}/trigger',
    ]);
    const create = doc.paths['/api/v1/schedules'].post;
    const body = create.requestBody.content['application/json'];
    expect(JSON.stringify(body.schema)).toContain('"interval"');
    expect(body.example ?? body.examples).toBeTruthy();
  });
});
