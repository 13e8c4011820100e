import { createHash } from 'node:crypto';

const EMAIL =
  /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+/g;

/** A stable, non-reversible stand-in for an email address in logs: `email:sha256:<16 hex>`. */
export function hashEmail(email: string): string {
  const digest = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  return `email:sha256:${digest.slice(0, 16)}`;
}

/** Replaces every email address inside `text` with its hash. */
export function scrubEmails(text: string): string {
  return text.includes('@') ? text.replace(EMAIL, (match) => hashEmail(match)) : text;
}

/** A copy of a log object with every email inside string values hashed (depth-limited; shares nothing mutable). */
export function scrubEmailsDeep(value: unknown, depth = 6): unknown {
  if (typeof value === 'string') return scrubEmails(value);
  if (depth <= 0 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => scrubEmailsDeep(item, depth - 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = scrubEmailsDeep(item, depth - 1);
  return out;
}
