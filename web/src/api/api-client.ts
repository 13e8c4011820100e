/**
 * The typed HTTP client of the web app: sends the bearer token, turns every non-2xx answer into an `ApiError`
 * (the server's error envelope), reads `ETag` and sends it back as `If-Match` on writes.
 */
import { ApiError, toApiError } from './api-error';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue | readonly string[]>;
  body?: unknown;
  /** The ETag read with the resource; a write then fails with 412 when someone else changed it since. */
  ifMatch?: string | null;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
  status: number;
}

export interface ApiClientDeps {
  baseUrl: string;
  getAccessToken: () => Promise<string | null>;
  /** Called on a 401 so the app can show "your session expired". */
  onUnauthorized?: () => void;
  fetchFn?: typeof fetch;
}

export interface ApiClient {
  request<T>(path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  get<T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal): Promise<T>;
  /** The absolute URL of an API path (downloads, links). */
  url(path: string, query?: RequestOptions['query']): string;
}

function buildUrl(baseUrl: string, path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value as readonly string[]) params.append(key, item);
    else params.set(key, String(value));
  }
  const search = params.toString();
  return `${baseUrl.replace(/\/$/, '')}/${path.replace(/^\//, '')}${search ? `?${search}` : ''}`;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function createApiClient(deps: ApiClientDeps): ApiClient {
  const fetchFn = deps.fetchFn ?? ((input, init) => fetch(input, init));

  async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = await deps.getAccessToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.ifMatch) headers['if-match'] = options.ifMatch;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    let response: Response;
    try {
      response = await fetchFn(buildUrl(deps.baseUrl, path, options.query), {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw toApiError(0, undefined, null);
    }
    const body = await readBody(response);
    if (!response.ok) {
      const error = toApiError(response.status, body, response.headers.get('x-request-id'));
      if (response.status === 401) deps.onUnauthorized?.();
      throw error;
    }
    return { data: body as T, etag: response.headers.get('etag'), status: response.status };
  }

  return {
    request,
    async get<T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) {
      return (await request<T>(path, { query, signal })).data;
    },
    url: (path, query) => buildUrl(deps.baseUrl, path, query),
  };
}

export { ApiError };
