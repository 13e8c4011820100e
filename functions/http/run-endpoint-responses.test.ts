import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { AppError } from '../../shared/domain/errors';
import { createTenantRateLimiter } from '../../shared/adapters/rate-limit/create-tenant-rate-limiter';
import {
  envelopeProblems,
  startPipelineFixture,
  type PipelineFixture,
  type RunResult,
} from './testing/pipeline-fixture';
import { brokenEndpoint, getReport, listReports } from './testing/sample-endpoints';

let fx: PipelineFixture;
beforeAll(async () => {
  fx = await startPipelineFixture();
});
afterAll(() => fx.close());

function expectEnvelope(res: RunResult, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(envelopeProblems(res)).toEqual([]);
  expect(res.json!.error.code).toBe(code);
}

describe('lists and cursors', () => {
  it('limit defaults to 20, max 100; the opaque cursor round-trips; over max or tampered → 400', async () => {
    const headers = { authorization: await fx.token() };
    const get = (query: string) => fx.run(listReports, { method: 'GET', url: `v1/reports${query}`, headers });
    const first = await get('');
    expect(first.json!.items).toHaveLength(20);
    const second = await get(`?cursor=${first.json!.nextCursor}&limit=20`);
    expect(second.json!.items[0]).toEqual({ id: 'r20' });
    const last = await get(`?cursor=${second.json!.nextCursor}&limit=100`);
    expect(last.json).toMatchObject({ nextCursor: null });
    expect(last.json!.items).toHaveLength(5);

    expect((await get('?limit=101')).json!.error.details.field).toBe('limit');
    const foreign = Buffer.from('{"offset":-5}').toString('base64url');
    for (const tampered of [`${first.json!.nextCursor}x`, foreign, 'bm90IGpzb24', '%%%']) {
      const res = await get(`?cursor=${encodeURIComponent(tampered)}`);
      expectEnvelope(res, 400, 'VALIDATION_ERROR');
      expect(res.json!.error.details.field).toBe('cursor');
    }
  });
});

describe('responses', () => {
  it('honours If-None-Match (304) and If-Match (412) through the ETag hooks', async () => {
    const auth = await fx.token();
    const call = { method: 'GET', url: 'v1/reports/r1', params: { id: 'r1' } };
    const get = (headers: Record<string, string>) =>
      fx.run(getReport, { ...call, headers: { authorization: auth, ...headers } });
    expect((await get({ 'if-none-match': '"v7"' })).status).toBe(304);
    expect((await get({ 'if-none-match': '"v6"' })).status).toBe(200);
    expect((await get({ 'if-match': 'W/"v7"' })).status).toBe(200);
    expectEnvelope(await get({ 'if-match': '"v6"' }), 412, 'PRECONDITION_FAILED');
  });

  it('500 INTERNAL with a generic message for anything unexpected; the cause is logged, not sent', async () => {
    const res = await fx.run(brokenEndpoint(new Error('db password is hunter2')), {
      method: 'GET',
      url: 'v1/broken',
    });
    expectEnvelope(res, 500, 'INTERNAL');
    expect(res.json!.error.message).toBe('An unexpected error occurred');
    expect(res.text).not.toContain('hunter2');
    const logged = fx.logLines.find(
      (l) => l.message === 'request failed' && l.requestId === res.headers['X-Request-Id'],
    );
    expect(logged).toMatchObject({
      level: 'error',
      code: 'INTERNAL',
      tenantId: null,
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(JSON.stringify(logged)).toContain('hunter2');
  });

  it('500 when a handler answers a body its schema does not declare (no undeclared fields leak)', async () => {
    const leaky = brokenEndpoint(new Error('unused'), { ok: true, secret: 'x' });
    const res = await fx.run(leaky, { method: 'GET', url: 'v1/broken' });
    expectEnvelope(res, 500, 'INTERNAL');
    expect(res.text).not.toContain('secret');
  });

  it('observes api_request_duration_seconds per route, method and status', async () => {
    await fx.run(brokenEndpoint(new AppError('CONFLICT', 'busy')), { method: 'GET', url: 'v1/broken' });
    const text = await fx.deps.metrics.registry.metrics();
    expect(text).toMatch(
      /api_request_duration_seconds_count\{endpoint="v1\/broken",method="GET",status="409"\} 1/,
    );
  });
});

describe('rate limiting in the pipeline', () => {
  for (const store of ['memory', 'redis'] as const) {
    it(`${store}: the N+1-th request in a minute → 429 with Retry-After and the headers`, async () => {
      const redis =
        store === 'redis' ? new Redis('redis://127.0.0.1:6379', { lazyConnect: true }) : undefined;
      await redis?.connect();
      const keyPrefix = `test:${randomUUID()}`;
      const premiumTenant = `premium-${store}`;
      const limited = {
        ...fx.deps,
        // the tenant records' tiers (the composition root reads them through the tenant cache)
        tenantTier: (id: string) =>
          Promise.resolve(id === premiumTenant ? ('premium' as const) : ('standard' as const)),
        rateLimiter: createTenantRateLimiter({
          ...(redis ? { redis } : {}),
          keyPrefix,
          limits: { standard: 3, premium: 6, enterprise: 9 },
        }),
      };
      try {
        const tenant = `tenant-${store}`;
        const call = {
          method: 'GET',
          url: 'v1/reports',
          headers: { authorization: await fx.token(['viewer'], tenant) },
        };
        const ok: RunResult[] = [];
        for (let i = 0; i < 3; i++) ok.push(await fx.run(listReports, call, limited));
        expect(ok.map((r) => [r.status, r.headers['X-RateLimit-Remaining']])).toEqual([
          [200, '2'],
          [200, '1'],
          [200, '0'],
        ]);
        const refused = await fx.run(listReports, call, limited);
        expectEnvelope(refused, 429, 'RATE_LIMITED');
        expect(Number(refused.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
        expect(Number(refused.headers['Retry-After'])).toBeLessThanOrEqual(60);
        expect(refused.headers).toMatchObject({ 'X-RateLimit-Limit': '3', 'X-RateLimit-Remaining': '0' });
        expect(Number(refused.headers['X-RateLimit-Reset'])).toBeGreaterThan(Date.now() / 1000);
        if (redis) expect(await redis.keys(`${keyPrefix}:*`)).toEqual([`${keyPrefix}:standard:${tenant}`]);
        // a token claiming enterprise still gets its tenant record's standard bucket
        const claimed = await fx.run(
          listReports,
          { ...call, headers: { authorization: await fx.token(['viewer'], tenant, 'enterprise') } },
          limited,
        );
        expectEnvelope(claimed, 429, 'RATE_LIMITED');
        expect(claimed.headers['X-RateLimit-Limit']).toBe('3');
        // the tier of the tenant's record raises the limit; another tenant is unaffected
        const premium = await fx.run(
          listReports,
          { ...call, headers: { authorization: await fx.token(['viewer'], premiumTenant) } },
          limited,
        );
        expect(premium.headers['X-RateLimit-Limit']).toBe('6');
        const another = await fx.run(
          listReports,
          { ...call, headers: { authorization: await fx.token(['viewer'], 'another') } },
          limited,
        );
        expect(another.status).toBe(200);
      } finally {
        if (redis) await redis.del(await redis.keys(`${keyPrefix}:*`));
        redis?.disconnect();
      }
    });
  }
});
