/** '' and whitespace become undefined (an optional field left empty is absent, not an empty string). */
export const optional = (value: string | null | undefined): string | undefined =>
  value === null || value === undefined || value.trim() === '' ? undefined : value.trim();

/** A list typed one per line, or separated by commas / semicolons. */
export const splitList = (text: string): string[] =>
  text
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
