import type { z } from 'zod';

export type InputLocation = 'params' | 'query' | 'body';

export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['emailDelivery', 'recipients', 1]` → `emailDelivery.recipients[1]`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment))
      out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

/**
 * VALIDATION_ERROR details naming each offending field: `{ location, field, issues: [{ field, code, message }] }`.
 * `field` is the first issue's path; an unknown key is reported at its own path (`a.b.unknownKey`).
 */
export function describeZodError(error: z.ZodError, location: InputLocation, maxIssues = 20) {
  const issues: FieldIssue[] = error.issues.flatMap((issue): FieldIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: formatFieldPath([...issue.path, key]),
        code: 'unrecognized_key',
        message: `Unknown field "${key}"`,
      }));
    }
    return [{ field: formatFieldPath(issue.path), code: issue.code, message: issue.message }];
  });
  const shown = issues.slice(0, maxIssues);
  return { location, field: shown[0]?.field ?? '', issues: shown };
}
