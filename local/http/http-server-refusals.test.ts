import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestApp } from '../host/testing/write-test-app';
import { createHttpServer, type HttpServer } from './http-server';

// A streaming app like ours: a catch-all route for every method, and a function that answers 413 as
// soon as the body passes 1 KB, without reading the rest (as the API pipeline does).
const appSource = `
  const { app } = require('@azure/functions');
  app.setup({ enableHttpStream: true });
  app.http('catchAll', {
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT'],
    route: '{*path}',
    handler: async (req) => {
      let size = 0;
      if (req.body) for await (const chunk of req.body) if ((size += chunk.length) > 1024) return { status: 413, body: 'too big' };
      return { status: 200, jsonBody: { method: req.method, size } };
    },
  });
`;

let server: HttpServer;
let base: string;
beforeAll(async () => {
  const app = await loadTestApp(appSource);
  server = createHttpServer({ app, host: '127.0.0.1', port: 0, log: () => undefined });
  base = (await server.listen()).url;
});
afterAll(() => server.close(1000));

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: unknown;
}

function send(
  method: string,
  path: string,
  options: { headers?: http.OutgoingHttpHeaders; body?: Buffer; agent?: http.Agent } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      { method, headers: options.headers, agent: options.agent },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, socket: req.socket }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function expectEnvelope(answer: Answer, status: number, code: string) {
  expect(answer.status).toBe(status);
  const json = JSON.parse(answer.body) as { error: Record<string, unknown> };
  expect(Object.keys(json.error)).toEqual(['code', 'message', 'details', 'requestId', 'timestamp']);
  expect(json.error.code).toBe(code);
  expect(answer.headers['x-request-id']).toBe(json.error.requestId);
}

describe('requests the functions cannot take get the envelope, not a 500 or a bare status line', () => {
  it.each(['TRACE'])('%s → 405 with Allow', async (method) => {
    const answer = await send(method, '/api/v1/reports');
    expectEnvelope(answer, 405, 'METHOD_NOT_ALLOWED');
    expect(answer.headers.allow).toContain('GET');
    expect(answer.headers.allow).not.toContain('TRACE');
  });

  it('a header above the size limit → 431 with the envelope and X-Request-Id', async () => {
    const answer = await send('GET', '/api/v1/reports', { headers: { 'x-big': 'a'.repeat(64 * 1024) } });
    expectEnvelope(answer, 431, 'HEADERS_TOO_LARGE');
    expect(answer.headers.connection).toBe('close');
  });

  it('a query above the size limit → 431 with the envelope', async () => {
    expectEnvelope(await send('GET', `/api/v1/reports?q=${'a'.repeat(64 * 1024)}`), 431, 'HEADERS_TOO_LARGE');
  });
});

describe('a function that answers before reading the whole body', () => {
  it('closes the connection with its 413, so the next request on a keep-alive agent works', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await send('POST', '/api/v1/reports', {
        agent,
        headers: { 'content-type': 'application/json' },
        body: Buffer.alloc(4 * 1024 * 1024, 'a'),
      });
      expect(first.status).toBe(413);
      expect(first.headers.connection).toBe('close');
      const second = await send('GET', '/api/v1/reports', { agent });
      expect(second.status).toBe(200);
      expect(second.headers.connection).toBe('keep-alive');
      const third = await send('POST', '/api/v1/reports', { agent, body: Buffer.from('small') });
      expect(JSON.parse(third.body)).toEqual({ method: 'POST', size: 5 });
      expect(third.socket).toBe(second.socket);
    } finally {
      agent.destroy();
    }
  });
});
