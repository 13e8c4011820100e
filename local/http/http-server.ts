import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type * as core from '@azure/functions-core';
import type { AppState } from '../functions-core/invoke-function';
import type { CoreLog } from '../functions-core/core-api';
import type { RegisteredFunction } from '../functions-core/function-registry';
import { answerClientError, unservableMethods } from './client-errors';
import { resolveRequestId, sendErrorEnvelope } from './error-envelope';
import { invokeHttpFunction, type InvocationFailure } from './invoke-http-function';
import { absoluteUrl } from './rpc-http-request';
import { createRouteTable } from './route-table';
import { createMounts, type MountHandler, type MountOptions } from './mounts';
import { createInFlight } from '../host/in-flight';

export interface HttpServerOptions {
  app: AppState & { capabilities: Record<string, string> };
  /** The HTTP-triggered functions to serve; default: every httpTrigger in the registry. */
  functions?: RegisteredFunction[];
  host: string;
  /** 0 = any free port. */
  port: number;
  /** host.json `extensions.http.routePrefix` (default "api"; "" for none). */
  routePrefix?: string;
  /** Request bodies above this are answered 413 before invoking (default 100 MB). */
  maxRequestBodyBytes?: number;
  log: CoreLog;
  now?: () => Date;
}

export const defaultMaxRequestBodyBytes = 100 * 1024 * 1024;

function routeOf(fn: RegisteredFunction, prefix: string): string {
  const route = typeof fn.trigger.route === 'string' && fn.trigger.route !== '' ? fn.trigger.route : fn.name;
  const cleanPrefix = prefix.replace(/^\/+|\/+$/g, '');
  const cleanRoute = route.replace(/^\/+/, '');
  return cleanPrefix ? `${cleanPrefix}/${cleanRoute}` : cleanRoute;
}

const urlOf = (a: { host: string; port: number }) =>
  `http://${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`;

/** Streaming mode: remember invocations whose function returned nothing (the worker then sends no proxied response). */
function trackEmptyResults(app: AppState): Set<string> {
  const empty = new Set<string>();
  app.registry.addHook('postInvocation', (context) => {
    const ctx = context as core.PostInvocationContext & {
      invocationContext: { invocationId?: string; options?: { trigger?: { type?: string } } };
    };
    const isHttp = ctx.invocationContext.options?.trigger?.type?.toLowerCase() === 'httptrigger';
    if (isHttp && ctx.error == null && ctx.result == null && ctx.invocationContext.invocationId) {
      empty.add(ctx.invocationContext.invocationId);
    }
  });
  return empty;
}

/**
 * The local host's HTTP front door: mounted host handlers first, then the functions' route table,
 * each request bridged to the app through the worker pipeline (buffered, or streamed when the app
 * enabled HTTP streaming). Errors answer with the project's error envelope and an `X-Request-Id`.
 */
export function createHttpServer(options: HttpServerOptions) {
  const { app, log } = options;
  const now = options.now ?? (() => new Date());
  const prefix = options.routePrefix ?? 'api';
  const functions = options.functions ?? app.registry.byTrigger('httpTrigger');
  const table = createRouteTable(
    functions.map((fn) => ({
      template: routeOf(fn, prefix),
      methods: fn.trigger.methods as string[] | undefined,
      target: fn,
    })),
  );
  const mounts = createMounts();
  const inFlight = createInFlight();
  const agent = new http.Agent({ keepAlive: true });
  const httpUri = app.capabilities.HttpUri;
  const emptyResults = httpUri ? trackEmptyResults(app) : new Set<string>();
  const maxBodyBytes = options.maxRequestBodyBytes ?? defaultMaxRequestBodyBytes;
  let closing = false;
  let address = { host: options.host, port: options.port };

  const fail = (res: ServerResponse, requestId: string, failure: InvocationFailure, what: string) => {
    if (failure.kind === 'too-large') {
      res.setHeader('Connection', 'close');
      sendErrorEnvelope(
        res,
        {
          status: 413,
          code: 'PAYLOAD_TOO_LARGE',
          message: `The request body exceeds ${maxBodyBytes} bytes.`,
          requestId,
        },
        now,
      );
      return;
    }
    const error = failure.error as Error | undefined;
    log('error', 'system', `${what} failed (request ${requestId}): ${error?.stack ?? String(failure.error)}`);
    sendErrorEnvelope(
      res,
      { status: 500, code: 'INTERNAL', message: 'An internal error occurred.', requestId },
      now,
    );
  };

  /** 405 for a method no function can be called with; `Allow` lists what the path does answer. */
  function refuseMethod(res: ServerResponse, requestId: string, pathname: string) {
    const allow = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].filter(
      (method) => table.match(method, pathname).kind === 'matched',
    );
    sendErrorEnvelope(
      res,
      {
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
        message: `Method ${res.req.method} is not allowed.`,
        requestId,
        headers: { Allow: allow.join(', ') },
      },
      now,
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = resolveRequestId(req.headers['x-request-id']);
    req.headers['x-request-id'] = requestId;
    if (closing) res.setHeader('Connection', 'close');
    const url = absoluteUrl(req, `${address.host}:${address.port}`);
    try {
      if (await mounts.dispatch('before', url.pathname, req, res, { requestId, url })) return;
      if (unservableMethods.has(req.method ?? '')) return refuseMethod(res, requestId, url.pathname);
      const match = table.match(req.method ?? 'GET', url.pathname);
      if (match.kind === 'matched') {
        const failure = await invokeHttpFunction(
          { app, httpUri, maxBodyBytes, now, agent, emptyResults },
          { fn: match.target, req, res, url, params: match.params, requestId },
        );
        if (failure) fail(res, requestId, failure, `Function "${match.target.name}"`);
        return;
      }
      if (
        match.kind === 'not-found' &&
        (await mounts.dispatch('fallback', url.pathname, req, res, { requestId, url }))
      )
        return;
      if (match.kind === 'method-not-allowed') {
        const message = `Method ${req.method} is not allowed for ${url.pathname}.`;
        sendErrorEnvelope(
          res,
          {
            status: 405,
            code: 'METHOD_NOT_ALLOWED',
            message,
            requestId,
            headers: { Allow: match.allow.join(', ') },
          },
          now,
        );
        return;
      }
      sendErrorEnvelope(
        res,
        { status: 404, code: 'NOT_FOUND', message: `Nothing is served at ${url.pathname}.`, requestId },
        now,
      );
    } catch (error) {
      fail(res, requestId, { kind: 'failed', error }, `${req.method} ${url.pathname}`);
    }
  }

  const server = http.createServer((req, res) => {
    const done = inFlight.start();
    res.once('close', () => {
      done();
      if (closing) server.closeIdleConnections();
    });
    void handle(req, res);
  });
  server.on('clientError', (err: Error & { code?: string }, socket) => answerClientError(err, socket, now));

  return {
    server,
    /** Serves `prefix` (e.g. "/runtime/webhooks/durabletask/") with `handler`; returns an unmount function. */
    mount: (prefix: string, handler: MountHandler, mountOptions?: MountOptions) =>
      mounts.add(prefix, handler, mountOptions),
    /** Function route templates in match order. */
    routes: () => table.templates(),
    inFlight: () => inFlight.count(),
    get url() {
      return urlOf(address);
    },
    get port() {
      return address.port;
    },
    async listen(): Promise<{ url: string; port: number }> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host, () => (server.off('error', reject), resolve()));
      });
      const bound = server.address();
      if (bound && typeof bound === 'object') address = { host: options.host, port: bound.port };
      log(
        'information',
        'system',
        `HTTP listening on ${urlOf(address)} (${table.templates().length} function routes)`,
      );
      return { url: urlOf(address), port: address.port };
    },
    /** Stops accepting, lets in-flight requests finish (bounded), then closes keep-alive sockets. */
    async close(timeoutMs = 10_000): Promise<void> {
      closing = true;
      const closed = server.listening
        ? new Promise<void>((resolve) => server.close(() => resolve()))
        : Promise.resolve();
      server.closeIdleConnections();
      const drained = await inFlight.idle(timeoutMs);
      if (!drained)
        log(
          'warning',
          'system',
          `HTTP close: ${inFlight.count()} request(s) still running after ${timeoutMs} ms; closing their sockets.`,
        );
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}

export type HttpServer = ReturnType<typeof createHttpServer>;
