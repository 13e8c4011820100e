import { AppError } from '../../domain/errors';

/** `$`, then `.name` or `[index]` steps: `$.data.items`, `$.results[0].rows`. Nothing else (no filters, no wildcards). */
export const JSON_PATH = /^\$(?:\.[A-Za-z_][A-Za-z0-9_-]{0,127}|\[\d{1,6}\])*$/;
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

export type JsonPath = readonly (string | number)[];

export function parseJsonPath(path: string): JsonPath {
  if (path.length > 300 || !JSON_PATH.test(path))
    throw new AppError('VALIDATION_ERROR', `"${path.slice(0, 100)}" is not a supported JSON path`, {
      suggestedFix: 'Write $ followed by .name or [index] steps, e.g. $.data.items',
    });
  const steps = [...path.slice(1).matchAll(/\.([^.[]+)|\[(\d+)\]/g)].map((m) =>
    m[1] !== undefined ? m[1] : Number(m[2]),
  );
  const bad = steps.find((s) => typeof s === 'string' && FORBIDDEN.has(s));
  if (bad !== undefined)
    throw new AppError('VALIDATION_ERROR', `The JSON path step "${String(bad)}" is not allowed`);
  return steps;
}

/** The value at `path` — own properties and array items only — or undefined. */
export function readJsonPath(value: unknown, path: JsonPath): unknown {
  let at = value;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(at) || step >= at.length) return undefined;
      at = at[step] as unknown;
    } else {
      if (typeof at !== 'object' || at === null || Array.isArray(at) || !Object.hasOwn(at, step))
        return undefined;
      at = (at as Record<string, unknown>)[step];
    }
  }
  return at;
}
