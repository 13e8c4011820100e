import type * as core from '@azure/functions-core';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface RpcHttpRequest {
  http: core.RpcHttpData;
  /** What the host puts in triggerMetadata for an HTTP trigger: Headers, Query, each route value, sys. */
  triggerMetadata: Record<string, core.RpcTypedData>;
}

const validHost = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The absolute URL the function sees: scheme + Host header (or the listen address) + path and query. */
export function absoluteUrl(req: IncomingMessage, fallbackHost: string): URL {
  const host = req.headers.host && validHost.test(req.headers.host) ? req.headers.host : fallbackHost;
  try {
    return new URL(req.url ?? '/', `http://${host}`);
  } catch {
    return new URL('/', `http://${fallbackHost}`);
  }
}

/** Lower-cased request headers, repeated values joined as the host does. */
export function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Query values; a repeated key is joined with "," (ASP.NET StringValues.ToString()). */
export function flattenQuery(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) query[key] = url.searchParams.getAll(key).join(',');
  return query;
}

const nullable = (map: Record<string, string>): Record<string, core.RpcNullableString> =>
  Object.fromEntries(Object.entries(map).map(([k, value]) => [k, { value }]));

/**
 * Builds the RPC HTTP trigger data exactly as the Functions host sends it to the Node worker
 * (method, absolute url, lower-cased headers, query, route params, body as bytes, plus the nullable maps).
 * `body` is undefined in HTTP streaming mode, where the body travels over the proxied request instead.
 */
export function buildRpcHttpRequest(input: {
  req: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  body: Buffer | undefined;
  functionName: string;
  now: Date;
}): RpcHttpRequest {
  const { req, url, params, body } = input;
  const method = (req.method ?? 'GET').toUpperCase();
  const headers = flattenHeaders(req);
  const query = flattenQuery(url);
  const http: core.RpcHttpData = {
    method,
    url: url.toString(),
    headers,
    query,
    params,
    nullableHeaders: nullable(headers),
    nullableQuery: nullable(query),
    nullableParams: nullable(params),
  };
  if (body && (body.length > 0 || (method !== 'GET' && method !== 'HEAD'))) http.body = { bytes: body };
  const triggerMetadata: Record<string, core.RpcTypedData> = {
    Headers: { json: JSON.stringify(headers) },
    Query: { json: JSON.stringify(query) },
    sys: {
      json: JSON.stringify({
        MethodName: input.functionName,
        UtcNow: input.now.toISOString(),
        RandGuid: randomUUID(),
      }),
    },
  };
  for (const [name, value] of Object.entries(params)) triggerMetadata[name] = { string: value };
  return { http, triggerMetadata };
}
