import type * as core from '@azure/functions-core';
import type { ServerResponse } from 'node:http';
import { toSetCookieHeader } from './set-cookie-header';

/** Bodies up to this size go out with Content-Length; larger ones are written chunked. */
const contentLengthLimit = 1024 * 1024;
const chunkSize = 64 * 1024;
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'upgrade',
  'trailer',
  'te',
]);

function bodyBytes(body: core.RpcTypedData | null | undefined): Buffer {
  if (!body) return Buffer.alloc(0);
  if (body.bytes) return Buffer.from(body.bytes);
  if (body.stream) return Buffer.from(body.stream);
  if (typeof body.string === 'string') return Buffer.from(body.string, 'utf8');
  if (typeof body.json === 'string') return Buffer.from(body.json, 'utf8');
  return Buffer.alloc(0);
}

async function writeChunked(res: ServerResponse, body: Buffer): Promise<void> {
  for (let offset = 0; offset < body.length && !res.destroyed; offset += chunkSize) {
    if (!res.write(body.subarray(offset, offset + chunkSize))) {
      await new Promise<void>((resolve) => {
        const done = () => (res.off('drain', done), res.off('close', done), resolve());
        res.once('drain', done).once('close', done);
      });
    }
  }
  res.end();
}

/**
 * Writes the function's `returnValue.http` to the client as the host does: status, headers, cookies,
 * body bytes. A missing response is a 200 with an empty body (the host's OkResult).
 */
export async function writeRpcHttpResponse(
  res: ServerResponse,
  http: core.RpcHttpData | null | undefined,
  options: { method: string; extraHeaders: Record<string, string> },
): Promise<void> {
  const status = Number(http?.statusCode ?? 200);
  res.statusCode = Number.isInteger(status) && status >= 100 && status <= 999 ? status : 500;
  for (const [name, value] of Object.entries(http?.headers ?? {})) {
    if (!hopByHop.has(name.toLowerCase())) res.setHeader(name, value);
  }
  for (const [name, value] of Object.entries(options.extraHeaders)) {
    if (!res.hasHeader(name)) res.setHeader(name, value);
  }
  const cookies = (http?.cookies ?? []).map(toSetCookieHeader);
  if (cookies.length > 0) {
    const existing = res.getHeader('set-cookie');
    const before = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
    res.setHeader('Set-Cookie', [...before, ...cookies]);
  }
  const noBody = options.method === 'HEAD' || res.statusCode === 204 || res.statusCode === 304;
  const body = noBody ? Buffer.alloc(0) : bodyBytes(http?.body);
  if (body.length <= contentLengthLimit) {
    if (!noBody) res.setHeader('Content-Length', String(body.length));
    res.end(body);
    return;
  }
  await writeChunked(res, body);
}
