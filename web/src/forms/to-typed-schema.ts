/**
 * A vee-validate typed schema from a zod 4 schema (@vee-validate/zod only takes zod 3). Errors are grouped by
 * field path in vee-validate's form (`emailDelivery.recipients[1]`), the same form the API's error envelope uses,
 * so server and client messages land on the same fields.
 */
import type { TypedSchema, TypedSchemaError } from 'vee-validate';
import type { z } from 'zod';
import { formatFieldPath } from '../api/api-error';

/** The zod issues of a failed parse as vee-validate errors, one entry per field path, messages in order. */
export function zodIssuesToErrors(issues: readonly z.core.$ZodIssue[]): TypedSchemaError[] {
  const byPath = new Map<string, string[]>();
  for (const issue of issues) {
    const paths =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => formatFieldPath([...issue.path, key]))
        : [formatFieldPath(issue.path)];
    for (const path of paths) {
      const messages = byPath.get(path) ?? [];
      messages.push(issue.message);
      byPath.set(path, messages);
    }
  }
  return [...byPath].map(([path, errors]) => ({ path, errors }));
}

export function toTypedSchema<Schema extends z.ZodType>(
  schema: Schema,
): TypedSchema<z.input<Schema>, z.output<Schema>> {
  return {
    __type: 'VVTypedSchema',
    async parse(values) {
      const result = await schema.safeParseAsync(values);
      if (result.success) return { value: result.data, errors: [] };
      return { errors: zodIssuesToErrors(result.error.issues) };
    },
  };
}
