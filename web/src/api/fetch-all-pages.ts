import type { Page } from '../../../shared/contracts/common';
import type { ApiClient, RequestOptions } from './api-client';

/**
 * Every item of a cursor-paged list, following `nextCursor` up to `maxPages` pages of 100 (a run's
 * deliveries, the reports for a filter menu). Bounded so a huge tenant cannot make one screen loop forever.
 */
export async function fetchAllPages<T>(
  api: ApiClient,
  path: string,
  query: RequestOptions['query'] = {},
  options: { maxPages?: number; signal?: AbortSignal } = {},
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < (options.maxPages ?? 10); page++) {
    const result = await api.get<Page<T>>(path, { ...query, limit: 100, cursor }, options.signal);
    items.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return items;
}
