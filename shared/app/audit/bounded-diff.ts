import { createHash } from 'node:crypto';
import { diffOf } from './record-audit';

/** Values larger than this (as JSON) are summarised in a diff: a template or SQL can be 500 KB. */
export const MAX_DIFF_VALUE_CHARS = 2_000;

const summary = (value: unknown) => {
  const json = JSON.stringify(value);
  return {
    omitted: true,
    chars: json.length,
    sha256: createHash('sha256').update(json).digest('hex'),
  };
};

const bounded = (value: unknown) =>
  value !== null && value !== undefined && JSON.stringify(value).length > MAX_DIFF_VALUE_CHARS
    ? summary(value)
    : value;

/**
 * `diffOf` with each side of a change kept small: a large value is replaced by its size and hash, so an
 * audit event always fits one table entity and still shows that (and whether) the value changed.
 */
export function boundedDiff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Record<string, unknown> {
  const diff = diffOf(before, after) as Record<string, { from: unknown; to: unknown }>;
  return Object.fromEntries(
    Object.entries(diff).map(([key, change]) => [
      key,
      { from: bounded(change.from), to: bounded(change.to) },
    ]),
  );
}
