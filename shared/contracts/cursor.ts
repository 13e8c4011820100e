import { z } from 'zod';
import { AppError } from '../domain/errors';
import type { Page } from './common';

/**
 * The one cursor codec of every list endpoint. A cursor is opaque to clients: base64url of the JSON
 * position. Lists over storage wrap the store's own continuation token as `{ t }` (`readStoragePosition` /
 * `toStoragePage`); the store checks that token again before using it (a cursor is client input).
 */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** 400 VALIDATION_ERROR on `cursor`: what a tampered, foreign or stale cursor gets, wherever it is found out. */
export const invalidCursor = () =>
  new AppError('VALIDATION_ERROR', 'The cursor is invalid; start again without it', {
    location: 'query',
    field: 'cursor',
    issues: [{ field: 'cursor', code: 'invalid_cursor', message: 'Not a cursor this API issued' }],
  });

/**
 * The position inside a cursor, checked against `schema`; anything that is not base64url JSON of
 * that shape (a tampered or foreign cursor) → 400 VALIDATION_ERROR on `cursor`.
 */
export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S): z.output<S> {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}

/** A list response: `{ items, nextCursor }`, with the next position encoded (null on the last page). */
export function toPage<T>(items: T[], nextPosition: unknown): Page<T> {
  return {
    items,
    nextCursor: nextPosition === undefined || nextPosition === null ? null : encodeCursor(nextPosition),
  };
}

const storagePosition = z.strictObject({ t: z.string().min(1) });

/** The store's continuation token inside a list cursor; null without a cursor (the first page). */
export function readStoragePosition(cursor: string | undefined): string | null {
  return cursor === undefined ? null : decodeCursor(cursor, storagePosition).t;
}

/** A store's page as the API's page: its continuation token wrapped into an opaque cursor. */
export function toStoragePage<T>(page: Page<T>): Page<T> {
  return toPage(page.items, page.nextCursor === null ? null : { t: page.nextCursor });
}
