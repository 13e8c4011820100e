import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isAppError } from '../../domain/errors';
import { outboundBlocked, outboundFailed } from './outbound-errors';
import type { OutboundPolicy } from './outbound-policy';

export interface OutboundRequest {
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Headers dropped when a redirect leaves the origin; `authorization` and `cookie` always are. */
  sensitiveHeaders?: readonly string[];
  maxResponseBytes?: number;
  /** The whole call, redirects included. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
  redirects: number;
}

/** The one way out to the network (DESIGN D10): every call is checked by the SSRF guard. */
export interface OutboundHttpClient {
  request(url: string | URL, init?: OutboundRequest): Promise<OutboundResponse>;
}

export interface OutboundHttpClientOptions {
  policy: OutboundPolicy;
  maxRedirects?: number;
  maxResponseBytes?: number;
  timeoutMs?: number;
  userAgent?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ALWAYS_SENSITIVE = ['authorization', 'cookie', 'proxy-authorization'];

interface Sent {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * Node `http`/`https` with the guard's `lookup`, so the address checked is the address connected to (a
 * DNS answer that changes between check and connect — rebinding — cannot slip through); the connected
 * peer is checked once more. Redirects are followed by hand, each target checked again; the response
 * size and the total time are capped. No connection reuse: each request opens (and checks) its own.
 */
export function createOutboundHttpClient(options: OutboundHttpClientOptions): OutboundHttpClient {
  const { policy } = options;
  const maxRedirects = options.maxRedirects ?? 5;
  const userAgent = options.userAgent ?? 'report-scheduler';

  function send(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: string | Buffer | undefined,
    signal: AbortSignal,
    maxBytes: number,
  ) {
    return new Promise<Sent>((resolve, reject) => {
      const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
      const transport = url.protocol === 'https:' ? https : http;
      const req = transport.request(
        url,
        { method, headers, agent: false, lookup: policy.lookupFor(port), signal },
        (res) => {
          const status = res.statusCode ?? 0;
          if (REDIRECTS.has(status) && res.headers.location) {
            res.destroy();
            resolve({ status, headers: res.headers, body: Buffer.alloc(0) });
            return;
          }
          const tooLarge = () =>
            outboundFailed('too_large', `The response of ${url.host} is larger than ${maxBytes} bytes`, {
              host: url.host,
              maxBytes,
            });
          if (Number(res.headers['content-length']) > maxBytes) {
            reject(tooLarge());
            res.destroy();
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              reject(tooLarge());
              res.destroy();
            } else chunks.push(chunk);
          });
          res.on('end', () => resolve({ status, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', (err) => reject(err));
        },
      );
      req.on('socket', (socket) =>
        socket.once('connect', () => {
          try {
            policy.checkConnected(socket.remoteAddress, url.hostname, port);
          } catch (err) {
            req.destroy(err as Error);
          }
        }),
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  return {
    async request(input, init = {}) {
      const timeoutMs = init.timeoutMs ?? options.timeoutMs ?? 30_000;
      const maxBytes = init.maxResponseBytes ?? options.maxResponseBytes ?? 10 * 1024 * 1024;
      const deadline = AbortSignal.timeout(timeoutMs);
      const signal = init.signal ? AbortSignal.any([deadline, init.signal]) : deadline;
      const sensitive = new Set([
        ...ALWAYS_SENSITIVE,
        ...(init.sensitiveHeaders ?? []).map((h) => h.toLowerCase()),
      ]);
      let url = policy.checkUrl(input);
      let method: string = init.method ?? 'GET';
      let body = init.body;
      let headers: Record<string, string> = { 'user-agent': userAgent };
      for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = value;

      for (let redirects = 0; ; redirects++) {
        let sent: Sent;
        try {
          sent = await send(url, method, headers, body, signal, maxBytes);
        } catch (err) {
          throw asOutboundError(err, url, deadline, timeoutMs);
        }
        const location = sent.headers.location;
        if (!REDIRECTS.has(sent.status) || !location) return { ...sent, url: url.href, redirects };
        if (redirects >= maxRedirects)
          throw outboundFailed('too_many_redirects', `More than ${maxRedirects} redirects from ${url.host}`, {
            maxRedirects,
          });
        let next: URL;
        try {
          next = policy.checkUrl(new URL(location, url));
        } catch (err) {
          if (isAppError(err)) err.details.redirectFrom = url.host;
          throw err;
        }
        if (url.protocol === 'https:' && next.protocol !== 'https:')
          throw outboundBlocked('redirect_scheme', `${url.host} redirects from https to ${next.protocol}`, {
            host: next.hostname,
          });
        if (next.origin !== url.origin)
          headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !sensitive.has(name)));
        if (sent.status === 303 || ((sent.status === 301 || sent.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
          const { 'content-type': _type, 'content-length': _length, ...rest } = headers;
          headers = rest;
        }
        url = next;
      }
    },
  };
}

function asOutboundError(err: unknown, url: URL, deadline: AbortSignal, timeoutMs: number) {
  if (isAppError(err)) return err;
  if (deadline.aborted)
    return outboundFailed(
      'timeout',
      `${url.host} did not answer within ${timeoutMs} ms`,
      { host: url.host, timeoutMs },
      err,
    );
  const code = (err as NodeJS.ErrnoException).code;
  return outboundFailed(
    'network',
    `Could not reach ${url.host}${code ? ` (${code})` : ''}`,
    { host: url.host, ...(code ? { code } : {}) },
    err,
  );
}
