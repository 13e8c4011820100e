import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { loadTestApp } from '../host/testing/write-test-app';
import { createHttpServer, type HttpServer } from './http-server';

const appSource = `
  const { app } = require('@azure/functions');
  app.http('echo', { methods: ['GET', 'POST'], route: 'echo/{id:int}/{*rest}', handler: async (req, ctx) => ({
    jsonBody: {
      method: req.method, url: req.url, params: req.params, query: Object.fromEntries(req.query),
      custom: req.headers.get('x-custom'), requestId: req.headers.get('x-request-id'), body: await req.text(),
      fn: ctx.functionName,
    },
  })});
  app.http('binary', { methods: ['GET'], route: 'bin/{size:int}', handler: async (req) => ({
    body: Buffer.alloc(Number(req.params.size), 7),
    headers: { 'content-type': 'application/octet-stream' },
    cookies: [{ name: 'session', value: 'a b', httpOnly: true, sameSite: 'Lax', path: '/' }],
  })});
  app.http('boom', { route: 'boom', handler: async () => { throw new Error('secret internals at /srv/db'); } });
  app.http('nothing', { route: 'nothing', handler: async () => undefined });
  app.http('NamedOnly', { methods: ['GET'], handler: async () => ({ body: 'by name' }) });
  app.http('slow', { route: 'slow', handler: async () => { await new Promise((r) => setTimeout(r, 300)); return { body: 'done' }; } });
  app.http('onlyPut', { methods: ['PUT'], route: 'things/{id}', handler: async () => ({ status: 204 }) });
`;

/** Response JSON, loosely typed for assertions. */
const readJson = async (res: Response) =>
  (await res.json()) as { error: Record<string, unknown> } & Record<string, unknown>;

let server: HttpServer;
let base: string;
const logs: string[] = [];

beforeAll(async () => {
  const app = await loadTestApp(appSource, (_l, _c, m) => logs.push(m));
  server = createHttpServer({
    app,
    host: '127.0.0.1',
    port: 0,
    log: (_l, _c, m) => logs.push(m),
    maxRequestBodyBytes: 1024,
  });
  server.mount('/.well-known/', (_req, res) => res.end('well-known'));
  server.mount('/', (req, res) => (req.url === '/index.html' ? res.end('static') : false), {
    stage: 'fallback',
  });
  base = (await server.listen()).url;
});
afterAll(() => server.close(1000));

function rawRequest(path: string, options: http.RequestOptions, chunks: Buffer[]) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(`${base}${path}`, options, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('the HTTP bridge', () => {
  it('delivers method, url, route params, query, headers and body to the function', async () => {
    const res = await fetch(`${base}/api/echo/12/a/b%20c?x=1&x=2&y=z`, {
      method: 'POST',
      headers: { 'X-Custom': 'yes', 'content-type': 'text/plain' },
      body: 'hello body',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const got = await readJson(res);
    expect(got).toMatchObject({
      method: 'POST',
      url: `${base}/api/echo/12/a/b%20c?x=1&x=2&y=z`,
      params: { id: '12', rest: 'a/b c' },
      query: { x: '1,2', y: 'z' },
      custom: 'yes',
      body: 'hello body',
      fn: 'echo',
    });
    expect(got.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('serves a function without a route at its name, and honours methods', async () => {
    expect(await (await fetch(`${base}/api/namedonly`)).text()).toBe('by name');
    const res = await fetch(`${base}/api/things/1`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('PUT');
    expect((await readJson(res)).error.code).toBe('METHOD_NOT_ALLOWED');
    expect((await fetch(`${base}/api/things/1`, { method: 'PUT' })).status).toBe(204);
  });

  it('returns binary bodies (Content-Length when small, chunked when large) and cookies', async () => {
    const small = await fetch(`${base}/api/bin/10`);
    expect(small.headers.get('content-length')).toBe('10');
    expect(small.headers.get('set-cookie')).toBe('session=a%20b; Path=/; SameSite=Lax; HttpOnly');
    expect([...new Uint8Array(await small.arrayBuffer())]).toEqual(new Array(10).fill(7));
    const large = await fetch(`${base}/api/bin/3000000`);
    expect(large.headers.get('transfer-encoding')).toBe('chunked');
    const bytes = new Uint8Array(await large.arrayBuffer());
    expect(bytes.length).toBe(3_000_000);
    expect(bytes.every((b) => b === 7)).toBe(true);
  });

  it('answers 200 with an empty body when the function returns nothing', async () => {
    const res = await fetch(`${base}/api/nothing`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('answers an unmatched path with the 404 envelope and a fresh X-Request-Id', async () => {
    const res = await fetch(`${base}/api/no/such/thing`, {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(res.status).toBe(404);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const body = await readJson(res);
    expect(body).toEqual({
      error: {
        code: 'NOT_FOUND',
        message: expect.any(String),
        details: {},
        requestId: id,
        timestamp: expect.any(String),
      },
    });
    const timestamp = String(body.error.timestamp);
    expect(new Date(timestamp).toISOString()).toBe(timestamp);
  });

  it('answers a failing function with the 500 envelope, reusing a sane X-Request-Id, without leaking the error', async () => {
    const res = await fetch(`${base}/api/boom`, { headers: { 'x-request-id': 'req-123.abc' } });
    expect(res.status).toBe(500);
    expect(res.headers.get('x-request-id')).toBe('req-123.abc');
    const text = await res.text();
    expect(JSON.parse(text).error).toMatchObject({ code: 'INTERNAL', requestId: 'req-123.abc', details: {} });
    expect(text).not.toMatch(/secret|\/srv|at |stack/);
    expect(logs.some((l) => l.includes('secret internals') && l.includes('req-123.abc'))).toBe(true);
  });

  it('answers 413 before invoking when the body is over the cap, declared or chunked', async () => {
    const declared = await fetch(`${base}/api/echo/1/x`, { method: 'POST', body: 'x'.repeat(2000) });
    expect(declared.status).toBe(413);
    expect((await readJson(declared)).error.code).toBe('PAYLOAD_TOO_LARGE');
    const chunked = await rawRequest('/api/echo/1/x', { method: 'POST' }, [
      Buffer.alloc(600),
      Buffer.alloc(600),
    ]);
    expect(chunked.status).toBe(413);
    // The 413 arrives while the client is still sending: the socket is drained, not destroyed.
    const early = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/api/echo/1/x`, { method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.end();
      });
      req.on('error', reject);
      req.write(Buffer.alloc(2000));
    });
    expect(early).toBe(413);
    const fits = await rawRequest('/api/echo/1/x', { method: 'POST' }, [
      Buffer.from('a'.repeat(500)),
      Buffer.from('b'.repeat(500)),
    ]);
    expect(fits.status).toBe(200);
    expect(JSON.parse(fits.body).body).toHaveLength(1000);
  });

  it('serves mounted prefixes before the functions, and fallback mounts only where no route matches', async () => {
    expect(await (await fetch(`${base}/.well-known/openid-configuration`)).text()).toBe('well-known');
    expect(await (await fetch(`${base}/index.html`)).text()).toBe('static');
    expect((await fetch(`${base}/other.html`)).status).toBe(404);
  });
});

describe('closing the HTTP server', () => {
  it('lets an in-flight request finish and refuses new connections', async () => {
    const app = await loadTestApp(appSource);
    const own = createHttpServer({ app, host: '127.0.0.1', port: 0, log: () => undefined });
    const { url } = await own.listen();
    const slow = fetch(`${url}/api/slow`);
    await new Promise((r) => setTimeout(r, 50));
    const closing = own.close(5000);
    expect(await (await slow).text()).toBe('done');
    await closing;
    await expect(fetch(`${url}/api/namedonly`)).rejects.toThrow();
  });
});
