import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { BodyTooLargeError } from './read-body';

/** Request headers that describe one hop, not the message; never forwarded. */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'expect',
  'te',
  'trailer',
  'proxy-connection',
]);
const invocationIdHeader = 'x-ms-invocation-id';

export interface ProxiedRequest {
  /** The worker's response (its status and headers have arrived); rejects if the proxy hop fails. */
  response: Promise<IncomingMessage>;
  /** True once the client's body passed the size cap (the forwarded body was cut off). */
  tooLarge(): boolean;
  abort(): void;
}

/**
 * HTTP streaming mode: forwards the raw client request, body streamed as it arrives, to the worker's
 * proxy (`capabilities.HttpUri`), tagged with `x-ms-invocation-id` and the `x-forwarded-host/proto`
 * headers the library uses to rebuild the URL (see @azure/functions src/http/httpProxy.ts).
 */
export function forwardToWorker(input: {
  httpUri: string;
  invocationId: string;
  req: IncomingMessage;
  publicUrl: URL;
  maxBodyBytes: number;
  agent: http.Agent;
}): ProxiedRequest {
  const { req } = input;
  const target = new URL(input.httpUri);
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !hopByHop.has(name)) headers[name] = value;
  }
  headers[invocationIdHeader] = input.invocationId;
  headers['x-forwarded-host'] = input.publicUrl.host;
  headers['x-forwarded-proto'] = input.publicUrl.protocol.replace(/:$/, '');

  const proxyReq = http.request({
    hostname: target.hostname,
    port: target.port,
    path: req.url ?? '/',
    method: req.method,
    headers,
    agent: input.agent,
  });
  let size = 0;
  let tooLarge = false;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size <= input.maxBodyBytes || tooLarge) return;
    tooLarge = true;
    req.unpipe(proxyReq);
    proxyReq.destroy(new BodyTooLargeError(input.maxBodyBytes));
  };
  req.on('data', onData);
  req.pipe(proxyReq);
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    proxyReq.once('response', resolve);
    proxyReq.once('error', reject);
  });
  // Nobody may be listening to `response` yet; an unobserved rejection must not crash the host.
  response.catch(() => undefined);
  return {
    response,
    tooLarge: () => tooLarge,
    abort: () => {
      req.off('data', onData);
      req.unpipe(proxyReq);
      proxyReq.destroy();
    },
  };
}

/** Streams the worker's proxied response to the client, minus hop-by-hop and proxy headers. */
export async function pipeWorkerResponse(
  from: IncomingMessage,
  to: ServerResponse,
  extraHeaders: Record<string, string>,
): Promise<void> {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(from.headers)) {
    if (value !== undefined && !hopByHop.has(name) && name !== invocationIdHeader) headers[name] = value;
  }
  for (const [name, value] of Object.entries(extraHeaders)) {
    if (headers[name.toLowerCase()] === undefined) headers[name] = value;
  }
  to.writeHead(from.statusCode ?? 200, headers);
  await new Promise<void>((resolve) => {
    from.pipe(to);
    to.once('close', resolve);
    from.once('close', () => {
      if (!from.complete) to.destroy();
    });
  });
}
