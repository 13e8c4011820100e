import type { Precondition } from '../../shared/app/audit/audited-documents';
import { AppError } from '../../shared/domain/errors';

/** `abc` → `"abc"`; values already quoted (incl. weak `W/"…"`) are kept. */
export function formatEtag(value: string): string {
  return /^(W\/)?".*"$/.test(value) ? value : `"${value}"`;
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** Whether an If-Match / If-None-Match header value matches `etag` (`*`, lists and weak tags understood). */
export function etagMatches(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const wanted = opaque(formatEtag(etag));
  return header.split(',').some((tag) => opaque(tag) === wanted);
}

/** For updates: when the caller sent If-Match, it must match the current ETag (else 412). */
export function assertIfMatch(
  ifMatch: string | undefined,
  currentEtag: string,
  entity: string,
  id: string,
): void {
  if (ifMatch !== undefined && !etagMatches(ifMatch, currentEtag)) {
    throw new AppError(
      'PRECONDITION_FAILED',
      `${entity} ${id} was changed by someone else; reload it and try again`,
      {
        entity,
        id,
      },
    );
  }
}

/**
 * The caller's If-Match as a check the use cases run on the stored version (412 when it is stale);
 * undefined when the caller sent none, so a use case may retry a write it lost to the sweep.
 */
export function ifMatchPrecondition(
  ifMatch: string | undefined,
  entity: string,
  id: string,
): Precondition | undefined {
  return ifMatch === undefined ? undefined : (etag) => assertIfMatch(ifMatch, etag, entity, id);
}
