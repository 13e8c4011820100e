import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether `authorization` is exactly `Bearer <expected>`, compared in constant time (both sides are
 * hashed first, so neither the token nor its length leaks through timing).
 */
export function matchesStaticBearer(authorization: string | null, expected: string): boolean {
  const presented = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(presented), digest(expected)) && presented.length > 0;
}
