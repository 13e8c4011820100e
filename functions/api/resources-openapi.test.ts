/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- assertions walk parsed JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleReportRequest } from '../../shared/contracts/report-resources';
import { startApiFixture, type ApiFixture } from './testing/api-fixture';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(() =>
    Promise.all([
      import('./openapi.js'),
      import('./reports.js'),
      import('./holiday-calendars.js'),
      import('./delivery-targets.js'),
      import('./audit-events.js'),
      import('./event-triggers.js'),
    ]),
  );
});
afterAll(() => api.close());

describe('OpenAPI for the resource endpoints', () => {
  it('documents every operation, the example report body, Idempotency-Key and resolvable refs', async () => {
    const res = await api.call('openApiJson', { path: '/api/v1/openapi.json' });
    expect(res.status).toBe(200);
    const doc = res.json;
    const ops = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    for (const resource of ['reports', 'holiday-calendars', 'delivery-targets', 'event-triggers'])
      for (const op of ['POST', 'GET']
        .map((m) => `${m} /api/v1/${resource}`)
        .concat(['GET', 'PUT', 'DELETE'].map((m) => `${m} /api/v1/${resource}/{id}`)))
        expect(ops).toContain(op);
    expect(ops).toEqual(
      expect.arrayContaining([
        'GET /api/v1/audit-events',
        'POST /api/v1/event-triggers/{id}/rotate-secret',
        'POST /api/v1/triggers/{triggerId}',
      ]),
    );
    const create = doc.paths['/api/v1/reports'].post;
    expect(create.requestBody.content['application/json'].example).toEqual(exampleReportRequest);
    expect(create.description).toContain('Idempotency-Key');
    expect(create.responses['422']).toBeDefined();
    expect(doc.paths['/api/v1/triggers/{triggerId}'].post.security).toEqual([]);
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const pointer = ref.slice(8, -1).replace(/^#\//, '').split('/');
      expect(
        pointer.reduce<any>((node, key) => node?.[key], doc),
        ref,
      ).toBeDefined();
    }
  });
});
