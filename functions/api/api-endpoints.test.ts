/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return -- assertions walk parsed JSON */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppState } from '../../local/functions-core/invoke-function';
import { installDeps } from '../composition-root';
import { callFunction, loadFunctions, testConfig, testDeps } from '../http/testing/http-test-kit';
import type { HttpResult } from '../http/testing/http-test-kit';

let app: AppState;
const METRICS_TOKEN = 'metrics-token-0123456789';

beforeAll(async () => {
  app = await loadFunctions(async () => {
    await Promise.all([
      import('./health.js'),
      import('./metrics.js'),
      import('./openapi.js'),
      import('./api-docs.js'),
      import('./not-found.js'),
    ]);
    const { defineEndpoint } = await import('../http/define-endpoint.js');
    const thing = z.strictObject({ name: z.string().min(1), tags: z.array(z.string()).max(5).optional() });
    defineEndpoint({
      name: 'createThing',
      method: 'POST',
      route: 'v1/things/{id}',
      roles: ['tenant_admin'],
      params: z.strictObject({ id: z.string() }),
      query: z.strictObject({ dryRun: z.enum(['true', 'false']).optional() }),
      body: thing,
      responses: { 201: thing.extend({ id: z.string() }) },
      errors: ['CONFLICT'],
      summary: 'Create a thing',
      description: 'A test endpoint.',
      tags: ['reports'],
      examples: { request: { name: 'a' }, responses: { 201: { id: 'x', name: 'a' } } },
      handler: ({ body, params }) => Promise.resolve({ ...body, id: params.id }) as never,
    });
  });
});
let uninstall = () => {};
afterEach(() => uninstall());

const use = (settings: Record<string, string> = {}, overrides: Parameters<typeof testDeps>[1] = {}) => {
  uninstall();
  uninstall = installDeps(testDeps(testConfig(settings), overrides));
};

function expectEnvelope(res: HttpResult, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = res.json as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error)).toEqual(['code', 'message', 'details', 'requestId', 'timestamp']);
  expect(body.error.code).toBe(code);
  expect(res.headers['x-request-id']).toBe(body.error.requestId);
}

describe('health', () => {
  it('GET /api/health → 200 {status: ok} without a token', async () => {
    use();
    const res = await callFunction(app, 'health', { path: '/api/health' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('GET /api/health/ready → 200 when every probe answers, 503 envelope with each result otherwise', async () => {
    const ok = () => Promise.resolve();
    use(
      {},
      {
        readinessProbes: new Map([
          ['tables', ok],
          ['blobs', ok],
        ]),
      },
    );
    const ready = await callFunction(app, 'healthReady', { path: '/api/health/ready' });
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({
      status: 'ready',
      probes: { tables: { ok: true }, blobs: { ok: true } },
    });

    use(
      {},
      {
        readinessProbes: new Map([
          ['tables', ok],
          ['queues', () => Promise.reject(new Error('ECONNREFUSED 10.0.0.1'))],
        ]),
      },
    );
    const down = await callFunction(app, 'healthReady', { path: '/api/health/ready' });
    expectEnvelope(down, 503, 'SERVICE_UNAVAILABLE');
    expect((down.json as { error: { details: unknown } }).error.details).toMatchObject({
      probes: { tables: { ok: true }, queues: { ok: false, error: 'failed' } },
    });
    expect(down.text).not.toContain('10.0.0.1');
  });
});

describe('metrics', () => {
  it('requires the METRICS_TOKEN when it is set', async () => {
    use({ METRICS_TOKEN, LOCAL_MODE: 'true' });
    expectEnvelope(await callFunction(app, 'metrics', { path: '/api/metrics' }), 401, 'UNAUTHENTICATED');
    const wrong = await callFunction(app, 'metrics', {
      path: '/api/metrics',
      headers: { authorization: 'Bearer metrics-token-0123456780' },
    });
    expectEnvelope(wrong, 401, 'UNAUTHENTICATED');
    await callFunction(app, 'health', { path: '/api/health' });
    const right = await callFunction(app, 'metrics', {
      path: '/api/metrics',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(right.status).toBe(200);
    expect(right.headers['content-type']).toMatch(/^text\/plain/);
    expect(right.text).toContain('# TYPE api_request_duration_seconds histogram');
    expect(right.text).toMatch(
      /api_request_duration_seconds_count\{endpoint="health",method="GET",status="200"\} 1/,
    );
  });

  it('is open without a token only in LOCAL_MODE', async () => {
    use({ LOCAL_MODE: 'true' });
    expect((await callFunction(app, 'metrics', { path: '/api/metrics' })).status).toBe(200);
    use({ LOCAL_MODE: 'false' });
    expectEnvelope(await callFunction(app, 'metrics', { path: '/api/metrics' }), 401, 'UNAUTHENTICATED');
  });
});

describe('openapi.json and docs', () => {
  it('describes the registered endpoints as OpenAPI 3.1', async () => {
    use({ PUBLIC_BASE_URL: 'https://api.example.test' });
    const res = await callFunction(app, 'openApiJson', { path: '/api/v1/openapi.json' });
    expect(res.status).toBe(200);
    const doc = res.json as Record<string, any>;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: 'https://api.example.test' }]);
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/health',
        '/api/health/ready',
        '/api/metrics',
        '/api/v1/docs',
        '/api/v1/openapi.json',
        '/api/v1/things/{id}',
      ].sort(),
    );
    const op = doc.paths['/api/v1/things/{id}'].post;
    expect(op).toMatchObject({
      operationId: 'createThing',
      tags: ['reports'],
      security: [{ bearerAuth: [] }],
    });
    expect(op.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'dryRun', in: 'query', required: false, schema: { type: 'string', enum: ['true', 'false'] } },
    ]);
    const body = op.requestBody.content['application/json'];
    expect(body.schema).toMatchObject({ type: 'object', additionalProperties: false, required: ['name'] });
    expect(body.example).toEqual({ name: 'a' });
    expect(op.responses['201'].content['application/json'].example).toEqual({ id: 'x', name: 'a' });
    for (const status of ['400', '401', '403', '409', '413', '415', '429', '500'])
      expect(op.responses[status]).toBeDefined();
    expect(doc.paths['/api/health'].get.security).toEqual([]);
    expect(doc.components.securitySchemes.bearerAuth).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    expect(doc.components.schemas.ErrorEnvelope.properties.error.required).toEqual([
      'code',
      'message',
      'details',
      'requestId',
      'timestamp',
    ]);
    // every $ref resolves inside the document
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const pointer = ref.slice(8, -1).replace(/^#\//, '').split('/');
      expect(
        pointer.reduce<any>((node, key) => node?.[key], doc),
        ref,
      ).toBeDefined();
    }
  });
});

describe('catch-all and failures', () => {
  it('any unknown route and method → 404 envelope', async () => {
    use();
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await callFunction(app, 'notFound', {
        method,
        path: '/api/v1/nothing',
        params: { path: 'v1/nothing' },
        headers: { 'x-request-id': 'r-1' },
      });
      expectEnvelope(res, 404, 'NOT_FOUND');
      expect(res.headers['x-request-id']).toBe('r-1');
    }
  });

  it('a protected endpoint invoked through the host: 401 without a token, envelope intact', async () => {
    use();
    const res = await callFunction(app, 'createThing', {
      method: 'POST',
      path: '/api/v1/things/a',
      params: { id: 'a' },
      headers: { 'content-type': 'application/json' },
      body: '{"name":"a"}',
    });
    expectEnvelope(res, 401, 'UNAUTHENTICATED');
  });

  it('unusable settings → 500 INTERNAL envelope that does not echo them', async () => {
    // Nothing installed: the functions build from process.env, which lacks the AUTH_* settings here.
    const res = await callFunction(app, 'health', { path: '/api/health' });
    expectEnvelope(res, 500, 'INTERNAL');
    expect(res.text).not.toMatch(/AUTH_|AzureWebJobsStorage/);
  });
});
