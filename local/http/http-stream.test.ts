import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { loadTestApp } from '../host/testing/write-test-app';
import { createHttpServer, type HttpServer } from './http-server';

// The app enables HTTP streaming: the library then reads requests from, and writes responses to,
// its own proxy server (capabilities.HttpUri) instead of the RPC HTTP data.
const appSource = `
  const { app } = require('@azure/functions');
  app.setup({ enableHttpStream: true });
  app.http('firstChunk', { methods: ['POST'], route: 'first/{name}', handler: async (req) => {
    const reader = req.body.getReader();
    const { value } = await reader.read();
    return { jsonBody: { name: req.params.name, first: Buffer.from(value).toString(), custom: req.headers.get('x-custom'),
      requestId: req.headers.get('x-request-id'), url: req.url, q: req.query.get('q') } };
  }});
  app.http('count', { methods: ['POST'], route: 'count', handler: async (req) => {
    let n = 0;
    for await (const chunk of req.body) n += chunk.length;
    return { body: String(n), headers: { 'x-count': String(n) }, cookies: [{ name: 'c', value: '1' }] };
  }});
  app.http('ticker', { methods: ['GET'], route: 'ticker', handler: async () => ({
    headers: { 'content-type': 'text/plain' },
    body: (async function* () {
      yield Buffer.from('first;');
      await globalThis.releaseTicker;
      yield Buffer.from('second');
    })(),
  })});
  app.http('boom', { route: 'boom', handler: async () => { throw new Error('hidden'); } });
  app.http('nothing', { route: 'nothing', handler: async () => undefined });
`;

let server: HttpServer;
let base: string;

beforeAll(async () => {
  const app = await loadTestApp(appSource);
  expect(app.capabilities.HttpUri).toMatch(/^http:\/\/localhost:\d+\/$/);
  server = createHttpServer({
    app,
    host: '127.0.0.1',
    port: 0,
    log: () => undefined,
    maxRequestBodyBytes: 64 * 1024,
  });
  base = (await server.listen()).url;
});
afterAll(() => server.close(1000));

/** Response JSON, loosely typed for assertions. */
const readJson = async (res: Response) =>
  (await res.json()) as { error: Record<string, unknown> } & Record<string, unknown>;

const withTimeout = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)),
  ]);

describe('HTTP streaming mode', () => {
  it('streams the request: the function answers after the first chunk while the client is still sending', async () => {
    const req = http.request(`${base}/api/first/ann?q=1`, { method: 'POST', headers: { 'x-custom': 'c1' } });
    req.write('hello ');
    const res = await withTimeout(
      new Promise<http.IncomingMessage>((resolve) => req.once('response', resolve)),
      3000,
      'response before body end',
    );
    let text = '';
    for await (const chunk of res) text += String(chunk);
    req.end('never read');
    const body = JSON.parse(text);
    expect(body).toMatchObject({
      name: 'ann',
      first: 'hello ',
      custom: 'c1',
      url: `${base}/api/first/ann?q=1`,
      q: '1',
    });
    expect(body.requestId).toBe(res.headers['x-request-id']);
    expect(res.headers['x-ms-invocation-id']).toBeUndefined();
  });

  it('streams the response: the first chunk arrives before the function has produced the rest', async () => {
    let release!: () => void;
    (globalThis as Record<string, unknown>).releaseTicker = new Promise<void>((r) => (release = r));
    const res = await withTimeout(fetch(`${base}/api/ticker`), 3000, 'response headers');
    const reader = res.body!.getReader();
    const first = await withTimeout(reader.read(), 3000, 'first chunk');
    expect(Buffer.from(first.value).toString()).toBe('first;');
    release();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read())
      rest += Buffer.from(r.value).toString();
    expect(rest).toBe('second');
  });

  it('carries whole bodies, headers and cookies both ways', async () => {
    const res = await fetch(`${base}/api/count`, { method: 'POST', body: Buffer.alloc(50_000, 1) });
    expect(await res.text()).toBe('50000');
    expect(res.headers.get('x-count')).toBe('50000');
    expect(res.headers.get('set-cookie')).toMatch(/^c=1/);
  });

  it('answers 413 for an over-cap body, declared or streamed, 500 for a failing function, 200 for no result', async () => {
    const declared = await fetch(`${base}/api/count`, { method: 'POST', body: Buffer.alloc(70_000) });
    expect(declared.status).toBe(413);
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${base}/api/count`,
        { method: 'POST' },
        (res) => (res.resume(), resolve(res.statusCode ?? 0)),
      );
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write(Buffer.alloc(10_000));
      req.end();
    });
    expect(streamed).toBe(413);
    const boom = await fetch(`${base}/api/boom`);
    expect(boom.status).toBe(500);
    expect((await readJson(boom)).error.code).toBe('INTERNAL');
    const nothing = await fetch(`${base}/api/nothing`);
    expect([nothing.status, await nothing.text()]).toEqual([200, '']);
  });
});
