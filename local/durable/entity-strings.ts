/**
 * Table storage caps a string property at 64 KiB (32K UTF-16 characters). Long values are split into
 * `Name`, `Name__1`, `Name__2`, … with `Name__parts` holding the count, and joined again on read.
 */
const maxChars = 30_000;

export function putString(entity: Record<string, unknown>, key: string, value: string | undefined): void {
  if (value === undefined) return;
  if (value.length <= maxChars) {
    entity[key] = value;
    return;
  }
  const parts = Math.ceil(value.length / maxChars);
  for (let i = 0; i < parts; i++) {
    entity[i === 0 ? key : `${key}__${i}`] = value.slice(i * maxChars, (i + 1) * maxChars);
  }
  entity[`${key}__parts`] = parts;
}

export function getString(entity: Record<string, unknown>, key: string): string | undefined {
  const first = entity[key];
  if (typeof first !== 'string') return undefined;
  const parts = entity[`${key}__parts`];
  if (typeof parts !== 'number' || parts <= 1) return first;
  let value = first;
  for (let i = 1; i < parts; i++) {
    const part = entity[`${key}__${i}`];
    value += typeof part === 'string' ? part : '';
  }
  return value;
}

/** Rough size of an entity on the wire, to keep a batch under the 4 MiB transaction limit. */
export function approximateSize(entity: Record<string, unknown>): number {
  let size = 0;
  for (const [key, value] of Object.entries(entity))
    size += key.length + (typeof value === 'string' ? value.length * 2 : 16);
  return size;
}
