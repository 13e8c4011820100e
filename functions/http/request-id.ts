import { randomUUID } from 'node:crypto';

const SANE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The caller's `x-request-id` when it is short and plain (no log or header injection), else a new UUID. */
export function pickRequestId(header: string | null | undefined): string {
  const value = header?.trim();
  return value && SANE.test(value) ? value : randomUUID();
}
