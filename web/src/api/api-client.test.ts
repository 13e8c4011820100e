import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api-client';
import { ApiError } from './api-error';

function recorder(response: Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchFn = vi.fn((url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: url instanceof Request ? url.url : url.toString(), init: init ?? {} });
    return Promise.resolve(response);
  });
  return { calls, fetchFn: fetchFn as unknown as typeof fetch };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('createApiClient', () => {
  it('sends the bearer token, the query, If-Match and Idempotency-Key, and returns data with its ETag', async () => {
    const { calls, fetchFn } = recorder(json(200, { id: 's1' }, { etag: 'W/"7"' }));
    const api = createApiClient({
      baseUrl: '/api/v1/',
      getAccessToken: () => Promise.resolve('tok'),
      fetchFn,
    });
    const res = await api.request<{ id: string }>('/schedules/s1', {
      method: 'PUT',
      body: { a: 1 },
      ifMatch: 'W/"6"',
      idempotencyKey: 'k1',
      query: { count: 10, empty: '', none: undefined, tags: ['a', 'b'] },
    });
    expect(res).toEqual({ data: { id: 's1' }, etag: 'W/"7"', status: 200 });
    expect(calls[0]!.url).toBe('/api/v1/schedules/s1?count=10&tags=a&tags=b');
    expect(calls[0]!.init.headers).toMatchObject({
      authorization: 'Bearer tok',
      'if-match': 'W/"6"',
      'idempotency-key': 'k1',
      'content-type': 'application/json',
    });
    expect(calls[0]!.init.body).toBe('{"a":1}');
  });

  it('turns the error envelope into an ApiError, and a 401 into "session expired"', async () => {
    const envelope = {
      error: {
        code: 'UNAUTHENTICATED',
        message: 'The token expired',
        details: {},
        requestId: 'r-9',
        timestamp: '2025-01-01T00:00:00Z',
      },
    };
    const { fetchFn } = recorder(json(401, envelope));
    const onUnauthorized = vi.fn();
    const api = createApiClient({
      baseUrl: '/api/v1',
      getAccessToken: () => Promise.resolve(null),
      fetchFn,
      onUnauthorized,
    });
    const error = await api.get('runs').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
      message: 'The token expired',
      requestId: 'r-9',
    });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('a network failure is an ApiError with plain words, not a TypeError', async () => {
    const fetchFn = (() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch;
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => Promise.resolve(null), fetchFn });
    await expect(api.get('runs')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });
});
