import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundHttpClient, type OutboundHttpClient } from './outbound-http-client';
import { createOutboundPolicy } from './outbound-policy';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

async function listen(handler: Handler) {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let a: Awaited<ReturnType<typeof listen>>;
let b: Awaited<ReturnType<typeof listen>>;
let client: OutboundHttpClient;

beforeAll(async () => {
  b = await listen((req, res, body) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ at: 'b', method: req.method, headers: req.headers, body }));
  });
  a = await listen((req, res, body) => {
    const url = new URL(req.url ?? '/', a.base);
    const to = url.searchParams.get('to');
    if (url.pathname === '/redirect' && to) {
      res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: to });
      res.end();
    } else if (url.pathname === '/loop') {
      res.writeHead(302, { location: '/loop' });
      res.end();
    } else if (url.pathname === '/big') {
      res.write(Buffer.alloc(600_000, 'a'));
      res.end(Buffer.alloc(600_000, 'a'));
    } else if (url.pathname === '/slow') {
      setTimeout(() => res.end('late'), 3_000).unref();
    } else {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({ at: 'a', method: req.method, path: url.pathname, headers: req.headers, body }),
      );
    }
  });
  const allowlist = [a.base, b.base].map((base) => base.replace('http://', ''));
  client = createOutboundHttpClient({
    policy: createOutboundPolicy({ allowlist }),
    maxResponseBytes: 1_000_000,
    timeoutMs: 5_000,
  });
});
afterAll(async () => {
  for (const s of [a, b]) await new Promise((resolve) => s.server.close(resolve));
});

const json = (body: Buffer) => JSON.parse(body.toString()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed JSON under test

describe('outbound HTTP client', () => {
  it('reaches an allowlisted loopback receiver over plain http, GET and POST', async () => {
    const got = await client.request(`${a.base}/hello`, { headers: { 'X-Test': '1' } });
    expect(got.status).toBe(200);
    expect(json(got.body)).toMatchObject({
      at: 'a',
      method: 'GET',
      path: '/hello',
      headers: { 'x-test': '1' },
    });
    const posted = await client.request(`${a.base}/p`, {
      method: 'POST',
      body: '{"q":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(json(posted.body)).toMatchObject({ method: 'POST', body: '{"q":1}' });
  });

  it('follows redirects, re-checking each: to another allowlisted receiver, without credentials', async () => {
    const res = await client.request(`${a.base}/redirect?to=${encodeURIComponent(`${b.base}/x`)}`, {
      headers: { authorization: 'Bearer s3cret', 'x-api-key': 'k', accept: 'application/json' },
      sensitiveHeaders: ['x-api-key'],
    });
    expect(res.redirects).toBe(1);
    expect(res.url).toBe(`${b.base}/x`);
    const body = json(res.body);
    expect(body.at).toBe('b');
    expect(body.headers.authorization).toBeUndefined();
    expect(body.headers['x-api-key']).toBeUndefined();
    expect(body.headers.accept).toBe('application/json');
    // Same origin keeps them.
    const same = await client.request(`${a.base}/redirect?to=/echo`, {
      headers: { authorization: 'Bearer s3cret' },
    });
    expect(json(same.body).headers.authorization).toBe('Bearer s3cret');
  });

  it('turns a POST into a GET on 303, keeps it on 307', async () => {
    const to = encodeURIComponent('/echo');
    const see = await client.request(`${a.base}/redirect?status=303&to=${to}`, { method: 'POST', body: 'x' });
    expect(json(see.body)).toMatchObject({ method: 'GET', body: '' });
    const keep = await client.request(`${a.base}/redirect?status=307&to=${to}`, {
      method: 'POST',
      body: 'x',
    });
    expect(json(keep.body)).toMatchObject({ method: 'POST', body: 'x' });
  });

  it.each([
    ['https://169.254.169.254/latest/meta-data/', 'internal_address'],
    ['https://10.0.0.1/', 'internal_address'],
    ['https://[::1]/', 'internal_address'],
    ['https://2130706433/', 'internal_address'],
    ['http://127.0.0.1:1/', 'scheme'],
    ['http://localhost' + ':1/', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
  ])('refuses a redirect to %s', async (to, reason) => {
    await expect(client.request(`${a.base}/redirect?to=${encodeURIComponent(to)}`)).rejects.toMatchObject({
      code: 'OUTBOUND_BLOCKED',
      details: { reason },
    });
  });

  it('stops after 5 redirects', async () => {
    await expect(client.request(`${a.base}/loop`)).rejects.toMatchObject({
      code: 'OUTBOUND_FAILED',
      retryable: false,
      details: { reason: 'too_many_redirects' },
    });
  });

  it('caps the response size and the total time', async () => {
    await expect(client.request(`${a.base}/big`)).rejects.toMatchObject({
      code: 'OUTBOUND_FAILED',
      retryable: false,
      details: { reason: 'too_large' },
    });
    const started = Date.now();
    await expect(client.request(`${a.base}/slow`, { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'OUTBOUND_FAILED',
      retryable: true,
      details: { reason: 'timeout' },
    });
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it('refuses the receiver when it is not allowlisted, whatever the scheme', async () => {
    const strict = createOutboundHttpClient({ policy: createOutboundPolicy() });
    await expect(strict.request(`${a.base}/`)).rejects.toMatchObject({ details: { reason: 'scheme' } });
    await expect(strict.request(a.base.replace('http:', 'https:'))).rejects.toMatchObject({
      details: { reason: 'internal_address' },
    });
  });
});
