import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { encodeCursor } from '../../shared/contracts/cursor';
import type { Deps } from '../composition-root';
import { exampleReportRequest } from '../../shared/contracts/report-resources';
import type { EndpointDefinition } from '../http/endpoint-types';
import { startApiFixture, admin, operator, type ApiFixture } from './testing/api-fixture';

// Every API module in this folder, so a list endpoint added later is covered without touching this test.
const apiModules = readdirSync(__dirname).filter((f) => /^[a-z-]+\.ts$/.test(f) && !f.endsWith('.test.ts'));

let api: ApiFixture;
let lists: EndpointDefinition<Deps>[];
const tenant = 'cursors-' + randomBytes(4).toString('hex');
const as = admin(tenant);
/** Path parameters of list endpoints below a resource: an existing resource of the caller's tenant. */
const parents = new Map<string, () => Promise<Record<string, string>>>([
  [
    'v1/subscriptions/{id}/dispatches',
    async () => {
      const res = await api.call('createSubscription', {
        method: 'POST',
        path: '/api/v1/subscriptions',
        as,
        body: { url: 'https://hooks.example.com/in', events: ['run.succeeded'] },
      });
      expect(res.status, res.text).toBe(201);
      return { id: res.json.id as string };
    },
  ],
  [
    'v1/reports/{id}/versions',
    async () => {
      const res = await api.call('createReport', {
        method: 'POST',
        path: '/api/v1/reports',
        as,
        body: exampleReportRequest,
      });
      expect(res.status, res.text).toBe(201);
      return { id: res.json.id as string };
    },
  ],
]);

beforeAll(async () => {
  api = await startApiFixture(() => Promise.all(apiModules.map((f) => import(`./${f.slice(0, -3)}.js`))));
  const { apiEndpoints } = await import('../http/define-endpoint.js');
  lists = apiEndpoints
    .list()
    .filter((e) => e.method === 'GET' && e.query && 'cursor' in ((e.query as z.ZodObject).shape ?? {}));
});
afterAll(() => api.close());

const b64 = (text: string) => Buffer.from(text).toString('base64');
const garbage: Record<string, string> = {
  'random base64url': randomBytes(48).toString('base64url'),
  'random standard base64': encodeURIComponent(randomBytes(48).toString('base64')),
  'not base64': encodeURIComponent('not a cursor!*'),
  'base64 of text': Buffer.from('hello').toString('base64url'),
  'base64 of junk JSON': encodeCursor([1, { a: null }]),
  'a made-up position': encodeCursor({ t: 'junk' }),
  'a position of the wrong type': encodeCursor({ t: b64(JSON.stringify({ nextPartitionKey: 5 })) }),
  'a position of junk JSON': encodeCursor({ t: b64('{"nextPartitionKey":') }),
  'a position with extra fields': encodeCursor({ t: b64(JSON.stringify({ nextPartitionKey: 'p', x: 1 })) }),
  huge: 'A'.repeat(20_000),
};

describe('a cursor the API did not issue → 400 VALIDATION_ERROR on every list endpoint', () => {
  it('finds the list endpoints in the catalog', () => {
    expect(lists.length).toBeGreaterThanOrEqual(13);
  });

  it.each(Object.entries(garbage))('%s', async (_kind, cursor) => {
    for (const endpoint of lists) {
      const make = parents.get(endpoint.route);
      if (endpoint.route.includes('{') && !make)
        throw new Error(`${endpoint.name}: say in \`parents\` how to make the resource it lists under`);
      const params = make ? await make() : {};
      const path = endpoint.route.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
      // The platform operator's lists answer only its role.
      const caller = endpoint.roles === 'platform' ? operator() : as;
      const res = await api.call(endpoint.name, {
        path: `/api/${path}?cursor=${cursor}`,
        params,
        as: caller,
      });
      expect(res.status, `${endpoint.name}: ${res.text}`).toBe(400);
      expect(res.json.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'cursor' } });
    }
  });
});
