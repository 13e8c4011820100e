import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routeMethods } from './define-endpoint';
import { endpointsFor } from './define-endpoint';
import { reply } from './endpoint-types';
import type { HttpDeps } from '../../shared/composition/http-deps';
import { startPipelineFixture, type PipelineFixture } from './testing/pipeline-fixture';
import { getReport } from './testing/sample-endpoints';

let fx: PipelineFixture;
beforeAll(async () => {
  fx = await startPipelineFixture();
});
afterAll(() => fx.close());

/** A download-like endpoint whose streamed bodies are kept to see what became of them. */
function streamingEndpoint() {
  const bodies: Readable[] = [];
  const definition = endpointsFor<HttpDeps>()({
    name: 'download',
    method: 'GET',
    route: 'v1/files/{id}',
    roles: 'public',
    summary: 'A file',
    description: 'A test endpoint streaming its body.',
    tags: ['artifacts'],
    contentType: 'application/octet-stream',
    etag: true,
    responses: { 200: z.custom<Readable>((v) => v instanceof Readable) },
    handler: () => {
      const body = Readable.from([Buffer.from('file bytes')]);
      bodies.push(body);
      return Promise.resolve(reply(200, body, { etag: 'v1', headers: { 'Content-Length': '10' } }));
    },
  });
  return { definition, bodies };
}

describe('HEAD', () => {
  it('a GET endpoint is registered for HEAD too; other methods only for themselves', () => {
    expect(routeMethods('GET')).toEqual(['GET', 'HEAD']);
    expect(routeMethods('POST')).toEqual(['POST']);
  });

  it('answers the GET’s status and headers without a body, closing a streamed body unread', async () => {
    const { definition, bodies } = streamingEndpoint();
    const get = await fx.run(definition, { method: 'GET', url: 'v1/files/a' });
    const head = await fx.run(definition, { method: 'HEAD', url: 'v1/files/a' });
    expect(head.status).toBe(200);
    expect(head.headers).toMatchObject({ ETag: '"v1"', 'Content-Length': '10' });
    expect(Object.keys(head.headers).sort()).toEqual(Object.keys(get.headers).sort());
    expect(head.text).toBe('');
    expect(bodies[1]!.destroyed).toBe(true);
  });

  it('runs the whole pipeline (auth, rate limit) and drops a JSON body', async () => {
    const headers = { authorization: await fx.token() };
    const get = await fx.run(getReport, {
      method: 'GET',
      url: 'v1/reports/r1',
      params: { id: 'r1' },
      headers,
    });
    const head = await fx.run(getReport, {
      method: 'HEAD',
      url: 'v1/reports/r1',
      params: { id: 'r1' },
      headers,
    });
    expect(get.text).toBe('{"id":"r1"}');
    expect(head).toMatchObject({ status: 200, text: '' });
    expect(head.headers).toMatchObject({ ETag: '"v7"', 'Content-Type': get.headers['Content-Type'] });
    expect(head.headers['X-RateLimit-Limit']).toBeDefined();
    const anonymous = await fx.run(getReport, { method: 'HEAD', url: 'v1/reports/r1', params: { id: 'r1' } });
    expect(anonymous).toMatchObject({ status: 401, text: '' });
  });

  it('a 304 to a matching If-None-Match closes the streamed body it does not send', async () => {
    const { definition, bodies } = streamingEndpoint();
    const res = await fx.run(definition, {
      method: 'GET',
      url: 'v1/files/a',
      headers: { 'if-none-match': '"v1"' },
    });
    expect(res.status).toBe(304);
    expect(bodies[0]!.destroyed).toBe(true);
  });
});
