import { AppError, isAppError } from '../../domain/errors';
import type { Column, ParamValue, QueryRequest, QueryResult, Row } from '../../ports/data-source';
import { outboundBlocked } from '../http/outbound-errors';
import type { OutboundHttpClient, OutboundResponse } from '../http/outbound-http-client';
import type { ConnectedSource } from './connected-source';
import { parseJsonPath, readJsonPath } from './json-path';
import { nextLink } from './link-header';
import { queryTimedOut, sourceUnavailable, tooManyRows } from './query-errors';

export type RestPagination = { type: 'none' } | { type: 'nextUrl'; path: string } | { type: 'linkHeader' };

export interface RestSourceOptions {
  /** The API's base URL; a report's `sql` names the resource relative to it (same origin). */
  url: string;
  method: 'GET' | 'POST';
  /** The JSON body of a POST; the report's parameters are merged into it. */
  body?: Record<string, unknown>;
  /** The credential header, its value read from a secret reference (never stored). */
  auth?: { header: string; value: string };
  /** Where the rows are in each page, e.g. `$.data.items`. */
  rowsPath: string;
  pagination: RestPagination;
  maxPages: number;
  maxResponseBytes?: number;
  http: OutboundHttpClient;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function typeOf(value: unknown): string {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return value === null || value === undefined ? 'null' : 'json';
}

/** Columns in order of first appearance on the first page; the type of the first non-null value. */
function columnsOf(rows: Row[]): Column[] {
  const types = new Map<string, string>();
  for (const row of rows)
    for (const [name, value] of Object.entries(row))
      if (!types.has(name) || (types.get(name) === 'null' && value !== null)) types.set(name, typeOf(value));
  return [...types].map(([name, type]) => ({ name, type }));
}

/**
 * A REST/JSON API as a data source (DESIGN D9). Every call goes through the SSRF guard's client; pages
 * follow a next URL read from the body (`$.links.next`) or the `Link` header, on the same origin only (the
 * credential header must not travel elsewhere), at most `maxPages` — more fails rather than truncating,
 * like the row limit. GET sends the parameters in the query string, POST in the JSON body. Each page is
 * one batch; one deadline bounds the whole query.
 */
export function createRestSource(options: RestSourceOptions): ConnectedSource {
  const base = new URL(options.url);
  const rowsPath = parseJsonPath(options.rowsPath);
  const nextPath = options.pagination.type === 'nextUrl' ? parseJsonPath(options.pagination.path) : undefined;

  function resourceUrl(resource: string, params: Record<string, ParamValue>): URL {
    const text = resource.trim();
    const url = text === '' || text === '/' || text === '*' ? new URL(base) : new URL(text, base);
    if (url.origin !== base.origin)
      throw outboundBlocked('cross_origin', `The resource must be on ${base.origin}`, { host: url.hostname });
    if (options.method === 'GET')
      for (const [name, value] of Object.entries(params))
        if (value !== null) url.searchParams.set(name, String(value));
    return url;
  }

  async function fetchPage(url: URL, params: Record<string, ParamValue>, first: boolean, deadline: Deadline) {
    const post = options.method === 'POST' && first;
    let response: OutboundResponse;
    try {
      response = await options.http.request(url, {
        method: post ? 'POST' : 'GET',
        headers: {
          accept: 'application/json',
          ...(post ? { 'content-type': 'application/json' } : {}),
          ...(options.auth ? { [options.auth.header]: options.auth.value } : {}),
        },
        ...(post ? { body: JSON.stringify({ ...options.body, ...params }) } : {}),
        ...(options.auth ? { sensitiveHeaders: [options.auth.header] } : {}),
        timeoutMs: deadline.remaining(),
        signal: deadline.signal,
        ...(options.maxResponseBytes ? { maxResponseBytes: options.maxResponseBytes } : {}),
      });
    } catch (err) {
      throw restError(err, deadline);
    }
    const host = url.host;
    if (response.status === 401 || response.status === 403)
      throw sourceUnavailable(`${host} refused the credentials (HTTP ${response.status})`, false, {
        host,
        status: response.status,
      });
    if (response.status === 429 || response.status >= 500)
      throw sourceUnavailable(`${host} is unavailable (HTTP ${response.status})`, true, {
        host,
        status: response.status,
      });
    if (response.status < 200 || response.status >= 300)
      throw new AppError('QUERY_FAILED', `${host} answered HTTP ${response.status}`, {
        status: response.status,
        suggestedFix: 'Check the resource path and the parameters.',
      });
    let body: unknown;
    try {
      body = JSON.parse(response.body.toString('utf8'));
    } catch {
      throw new AppError('QUERY_FAILED', `${host} did not answer JSON`, {
        contentType: response.headers['content-type'] ?? null,
      });
    }
    const found = readJsonPath(body, rowsPath);
    if (!Array.isArray(found))
      throw new AppError('QUERY_FAILED', `No array of rows at ${options.rowsPath} in the response`, {
        rowsPath: options.rowsPath,
        suggestedFix: 'Point rowsPath at the array of records, e.g. $.data.items',
      });
    const rows: Row[] = found.map((item) => (isObject(item) ? item : { value: item }));
    let next: string | undefined;
    if (nextPath) {
      const value = readJsonPath(body, nextPath);
      next = typeof value === 'string' && value !== '' ? value : undefined;
    } else if (options.pagination.type === 'linkHeader') next = nextLink(response.headers.link);
    return { rows, next: next === undefined ? undefined : new URL(next, response.url) };
  }

  async function query(request: QueryRequest): Promise<QueryResult> {
    const deadline = startDeadline(request.timeoutMs);
    const seen = new Set<string>();
    let url = resourceUrl(request.sql, request.params);
    let page: Awaited<ReturnType<typeof fetchPage>>;
    try {
      page = await fetchPage(url, request.params, true, deadline);
    } catch (err) {
      deadline.stop();
      throw err;
    }
    const columns = columnsOf(page.rows);

    async function* batches(): AsyncGenerator<Row[]> {
      try {
        let rows = 0;
        for (let pages = 1; ; pages++) {
          rows += page.rows.length;
          if (rows > request.maxRows) throw tooManyRows(request.maxRows);
          if (page.rows.length) yield page.rows;
          const next = page.next;
          if (!next) return;
          if (next.origin !== base.origin)
            throw outboundBlocked('cross_origin', `The next page is on another origin (${next.host})`, {
              host: next.hostname,
            });
          if (pages >= options.maxPages)
            throw new AppError('QUERY_FAILED', `The API has more than ${options.maxPages} pages`, {
              maxPages: options.maxPages,
              suggestedFix: 'Filter with parameters, or raise maxPages on the data source.',
            });
          seen.add(url.href);
          if (seen.has(next.href))
            throw new AppError('QUERY_FAILED', 'The API pages in a loop (a next link seen before)');
          url = next;
          page = await fetchPage(url, request.params, false, deadline);
        }
      } finally {
        deadline.stop();
      }
    }
    return { columns, batches: batches() };
  }

  return {
    query,
    async probe(timeoutMs) {
      const deadline = startDeadline(timeoutMs);
      try {
        await fetchPage(resourceUrl('', {}), {}, true, deadline);
      } finally {
        deadline.stop();
      }
    },
    close: () => Promise.resolve(),
  };
}

interface Deadline {
  signal: AbortSignal;
  timeoutMs: number;
  remaining(): number;
  stop(): void;
}

function startDeadline(timeoutMs: number): Deadline {
  const controller = new AbortController();
  const endsAt = Date.now() + timeoutMs;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  return {
    signal: controller.signal,
    timeoutMs,
    remaining: () => Math.max(1, endsAt - Date.now()),
    stop: () => clearTimeout(timer),
  };
}

function restError(err: unknown, deadline: Deadline): AppError {
  if (deadline.signal.aborted) return queryTimedOut(deadline.timeoutMs, err);
  if (!isAppError(err)) return sourceUnavailable('The API could not be reached', true, {}, err);
  if (err.code !== 'OUTBOUND_FAILED') return err;
  const reason = err.details.reason;
  if (reason === 'timeout') return queryTimedOut(deadline.timeoutMs, err);
  if (reason === 'too_large' || reason === 'too_many_redirects')
    return new AppError('QUERY_FAILED', err.message, err.details, { cause: err });
  return sourceUnavailable(err.message, true, err.details, err);
}
