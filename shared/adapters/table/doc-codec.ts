/**
 * A document is kept as JSON in one or more string properties: Azure Tables caps a string property at
 * 64 KiB (32K UTF-16 characters), so long documents (report templates) are split into `doc`, `doc1`, ….
 */
const chunkChars = 30_000;
const maxChunks = 30; // 30 × 60 KB stays under the 1 MiB entity limit

/**
 * U+2028 / U+2029 are valid in JSON strings, but a Table batch carries each entity in a multipart body and
 * Azurite finds the entity's JSON there with `/{+.+}+/` — a regex `.` stops at a line separator, so the batch
 * failed (a report named "a\u2028b" was a 500). Written as `\u2028` escapes, JSON.parse gives them back.
 * (JSON.stringify already escapes NUL, other controls and lone surrogates.)
 */
const lineSeparators = /[\u2028\u2029]/g;
const escapeLineSeparator = (c: string) => (c === '\u2028' ? '\\u2028' : '\\u2029');

export function encodeDoc(doc: unknown): Record<string, string> {
  const json = JSON.stringify(doc).replace(lineSeparators, escapeLineSeparator);
  const chunks = Math.max(1, Math.ceil(json.length / chunkChars));
  if (chunks > maxChunks)
    throw new RangeError(`document too large for one table entity (${json.length} chars)`);
  const props: Record<string, string> = {};
  for (let i = 0; i < chunks; i++)
    props[i === 0 ? 'doc' : `doc${i}`] = json.slice(i * chunkChars, (i + 1) * chunkChars);
  return props;
}

export function decodeDoc(entity: Record<string, unknown>): unknown {
  let json = typeof entity.doc === 'string' ? entity.doc : '';
  for (let i = 1; typeof entity[`doc${i}`] === 'string'; i++) json += entity[`doc${i}`] as string;
  return JSON.parse(json);
}
