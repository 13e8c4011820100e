/**
 * Time-ordered ids (UUID version 7 layout): 48 bits of milliseconds, then randomness. Sorting ids sorts
 * by creation time, which keeps Table RowKeys and blob paths in a useful order. The clock and the random
 * source are passed in: the domain reads neither itself.
 */
export function newId(now: Date, random: (bytes: number) => Uint8Array): string {
  const bytes = random(16);
  const ms = BigInt(now.getTime());
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Row keys that sort newest first: the complement of the epoch milliseconds, zero-padded. */
export function newestFirstKey(at: Date): string {
  return String(9_999_999_999_999 - at.getTime()).padStart(13, '0');
}

/**
 * A stable id in the same layout, derived from a seed with a hash the caller supplies (the domain does no
 * I/O and picks no algorithm): the same seed always gives the same id, which makes retries idempotent.
 */
export function derivedId(seed: string, sha256Hex: (input: string) => string): string {
  const hex = sha256Hex(seed);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
