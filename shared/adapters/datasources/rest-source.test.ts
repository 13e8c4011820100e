import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../ports/data-source';
import { createOutboundHttpClient } from '../http/outbound-http-client';
import { createOutboundPolicy } from '../http/outbound-policy';
import type { ConnectedSource } from './connected-source';
import { createRestSource, type RestSourceOptions } from './rest-source';

interface Seen {
  method: string;
  url: string;
  auth: string | undefined;
  body: string;
}

// A receiver on loopback, allowed through the SSRF guard by the allowlist as OUTBOUND_ALLOWLIST would.
async function listen(
  handle: (req: http.IncomingMessage, url: URL, res: http.ServerResponse, seen: Seen[]) => void,
) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body });
      handle(req, url, res, seen);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, seen, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const items = Array.from({ length: 25 }, (_, i) => ({
  id: i + 1,
  name: `item ${i + 1}`,
  price: i % 3 === 0 ? null : i * 1.5,
}));
const json = (res: http.ServerResponse, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

let api: Awaited<ReturnType<typeof listen>>;
let other: Awaited<ReturnType<typeof listen>>;
let client: ReturnType<typeof createOutboundHttpClient>;

beforeAll(async () => {
  other = await listen((_req, _url, res) => json(res, { data: { items: [{ stolen: true }] } }));
  api = await listen((req, url, res) => {
    const page = Number(url.searchParams.get('page') ?? 1);
    const size = 10;
    const slice = items.slice((page - 1) * size, page * size);
    const more = page * size < items.length;
    if (req.headers.authorization !== 'Bearer t0ken') {
      res.writeHead(401).end();
    } else if (url.pathname === '/v1/items') {
      const next = new URL(url.href.replace('http://x', api.base));
      next.searchParams.set('page', String(page + 1));
      json(res, { data: { items: slice }, links: { next: more ? next.pathname + next.search : null } });
    } else if (url.pathname === '/v1/linked') {
      const next = `${api.base}/v1/linked?page=${page + 1}`;
      json(
        res,
        { results: slice },
        more ? { link: `<${api.base}/v1/linked?page=1>; rel="first", <${next}>; rel="next"` } : {},
      );
    } else if (url.pathname === '/v1/search' && req.method === 'POST') {
      json(res, { data: { items: [{ echo: JSON.parse(seenBody(req)) as unknown }] } });
    } else if (url.pathname === '/v1/escape') {
      json(res, { data: { items: [{ id: 1 }] }, links: { next: `${other.base}/steal` } });
    } else if (url.pathname === '/v1/loop') {
      json(res, { data: { items: [{ id: 1 }] }, links: { next: '/v1/loop' } });
    } else if (url.pathname === '/v1/slow') {
      setTimeout(() => json(res, { data: { items: [] } }), 2_000).unref();
    } else if (url.pathname === '/v1/broken') {
      res.writeHead(url.searchParams.has('s') ? Number(url.searchParams.get('s')) : 200, {
        'content-type': 'text/html',
      });
      res.end('<html>oops</html>');
    } else json(res, { data: { items: [] }, query: Object.fromEntries(url.searchParams) });
  });
  client = createOutboundHttpClient({
    policy: createOutboundPolicy({ allowlist: [api.base, other.base].map((b) => b.replace('http://', '')) }),
  });
});
afterAll(async () => {
  for (const s of [api, other]) await new Promise((resolve) => s.server.close(resolve));
});

// The POST echo reads the body the receiver already collected.
function seenBody(_req: http.IncomingMessage) {
  return api.seen.at(-1)?.body ?? '{}';
}

function source(overrides: Partial<RestSourceOptions> = {}): ConnectedSource {
  return createRestSource({
    url: `${api.base}/v1/`,
    method: 'GET',
    auth: { header: 'authorization', value: 'Bearer t0ken' },
    rowsPath: '$.data.items',
    pagination: { type: 'nextUrl', path: '$.links.next' },
    maxPages: 10,
    http: client,
    ...overrides,
  });
}

async function all(
  from: ConnectedSource,
  sql: string,
  params = {},
  limits = { timeoutMs: 5_000, maxRows: 1_000 },
) {
  const result = await from.query({ sql, params, ...limits });
  const batches: Row[][] = [];
  for await (const batch of result.batches) batches.push(batch);
  return { columns: result.columns, batches, rows: batches.flat() };
}

describe('REST source', () => {
  it('follows next links from the body, one batch per page, with the credential header', async () => {
    const before = api.seen.length;
    const { columns, batches, rows } = await all(source(), 'items');
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(rows).toEqual(items);
    expect(columns).toEqual([
      { name: 'id', type: 'number' },
      { name: 'name', type: 'string' },
      { name: 'price', type: 'number' },
    ]);
    const calls = api.seen.slice(before);
    expect(calls.map((c) => c.url)).toEqual(['/v1/items', '/v1/items?page=2', '/v1/items?page=3']);
    expect(calls.every((c) => c.auth === 'Bearer t0ken')).toBe(true);
  });

  it('follows Link headers', async () => {
    const { rows } = await all(
      source({ rowsPath: '$.results', pagination: { type: 'linkHeader' } }),
      'linked',
    );
    expect(rows.map((r) => r.id)).toEqual(items.map((i) => i.id));
  });

  it('sends parameters as query values (GET) or in the JSON body (POST), as data', async () => {
    const { rows } = await all(source({ pagination: { type: 'none' } }), 'echo', {
      region: 'North&admin=1',
      n: 3,
      none: null,
    });
    expect(rows).toEqual([]);
    expect(api.seen.at(-1)?.url).toBe('/v1/echo?region=North%26admin%3D1&n=3');
    const posted = await all(
      source({ method: 'POST', body: { scope: 'all' }, pagination: { type: 'none' } }),
      'search',
      { q: "' or 1=1" },
    );
    expect(posted.rows).toEqual([{ echo: { scope: 'all', q: "' or 1=1" } }]);
  });

  it('fails past maxPages, the row limit, or a pagination loop — never truncates', async () => {
    await expect(all(source({ maxPages: 2 }), 'items')).rejects.toMatchObject({
      code: 'QUERY_FAILED',
      details: { maxPages: 2 },
    });
    await expect(all(source(), 'items', {}, { timeoutMs: 5_000, maxRows: 24 })).rejects.toMatchObject({
      code: 'QUERY_FAILED',
      details: { maxRows: 24 },
    });
    await expect(all(source(), 'loop')).rejects.toMatchObject({
      code: 'QUERY_FAILED',
      message: expect.stringContaining('loop'),
    });
  });

  it('never sends the credential to another origin: not as a resource, not as a next page', async () => {
    await expect(all(source(), 'escape')).rejects.toMatchObject({
      code: 'OUTBOUND_BLOCKED',
      details: { reason: 'cross_origin' },
    });
    await expect(all(source(), `${other.base}/steal`)).rejects.toMatchObject({ code: 'OUTBOUND_BLOCKED' });
    await expect(all(source(), '//169.254.169.254/latest')).rejects.toMatchObject({
      code: 'OUTBOUND_BLOCKED',
    });
    expect(other.seen).toEqual([]);
  });

  it('maps HTTP failures and timeouts to clear errors', async () => {
    await expect(
      all(source({ auth: { header: 'authorization', value: 'Bearer wrong' } }), 'items'),
    ).rejects.toMatchObject({
      code: 'DATA_SOURCE_UNAVAILABLE',
      retryable: false,
    });
    await expect(all(source(), 'broken?s=503')).rejects.toMatchObject({
      code: 'DATA_SOURCE_UNAVAILABLE',
      retryable: true,
    });
    await expect(all(source(), 'broken?s=404')).rejects.toMatchObject({ code: 'QUERY_FAILED' });
    await expect(all(source(), 'broken')).rejects.toMatchObject({
      code: 'QUERY_FAILED',
      message: expect.stringContaining('JSON'),
    });
    await expect(all(source({ rowsPath: '$.data.nope' }), 'items')).rejects.toMatchObject({
      code: 'QUERY_FAILED',
    });
    await expect(all(source(), 'slow', {}, { timeoutMs: 200, maxRows: 10 })).rejects.toMatchObject({
      code: 'QUERY_TIMEOUT',
    });
    await expect(source().probe(2_000)).resolves.toBeUndefined();
  });

  it('refuses unsafe JSON paths and hosts outside the allowlist', () => {
    expect(() => source({ rowsPath: '$.__proto__' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR' }),
    );
    expect(() => source({ rowsPath: '$..items' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR' }),
    );
    const strict = createRestSource({
      url: `${api.base}/v1/`,
      method: 'GET',
      rowsPath: '$',
      pagination: { type: 'none' },
      maxPages: 1,
      http: createOutboundHttpClient({ policy: createOutboundPolicy() }),
    });
    return expect(strict.probe(1_000)).rejects.toMatchObject({ code: 'OUTBOUND_BLOCKED' });
  });
});
