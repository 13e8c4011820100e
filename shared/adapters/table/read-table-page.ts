import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { invalidCursor } from '../../contracts/cursor';
import { storageStatus } from './storage-errors';

/** What the Tables SDK puts in a continuation token (base64 of this JSON). */
const ContinuationToken = z.strictObject({
  nextPartitionKey: z.string().min(1).max(1024),
  nextRowKey: z.string().max(1024).optional(),
});

/**
 * A continuation token that came back from a client (inside a cursor) is input: the SDK would throw a
 * TypeError on anything but its own JSON, so it is checked here first → 400 on `cursor`.
 */
export function checkContinuationToken(token: string): string {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) throw invalidCursor();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!ContinuationToken.safeParse(json).success) throw invalidCursor();
  return token;
}

export interface TablePage {
  entities: Record<string, unknown>[];
  continuationToken: string | null;
}

/**
 * One page of a filtered query, from `token` on. The token is checked, and a 400 from the service for a
 * well-formed but made-up position is the caller's cursor too.
 */
export async function readTablePage(
  client: TableClient,
  filter: string,
  { limit, token }: { limit: number; token: string | null | undefined },
): Promise<TablePage> {
  const continuationToken = token ? checkContinuationToken(token) : undefined;
  const pages = client
    .listEntities<Record<string, unknown>>({ queryOptions: { filter } })
    .byPage({ maxPageSize: limit, ...(continuationToken ? { continuationToken } : {}) });
  try {
    const page = await pages.next();
    if (page.done) return { entities: [], continuationToken: null };
    const entities = page.value as Record<string, unknown>[] & { continuationToken?: string };
    return { entities: [...entities], continuationToken: entities.continuationToken ?? null };
  } catch (err) {
    if (continuationToken && storageStatus(err) === 400) throw invalidCursor();
    throw err;
  }
}
