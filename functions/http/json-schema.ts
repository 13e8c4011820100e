import { z } from 'zod';

type Json = Record<string, unknown>;

/**
 * A zod schema as an OpenAPI 3.1 (JSON Schema 2020-12) schema. Schemas with a `.meta({ id })` become
 * shared components: their definitions land in `components` and references point there.
 */
export function toOpenApiSchema(
  schema: z.ZodType,
  io: 'input' | 'output',
  components: Record<string, Json>,
): Json {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  const { $schema: _schema, $defs, ...rest } = generated;
  for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, Json>)) {
    components[id] ??= retarget(def) as Json;
  }
  return retarget(rest) as Json;
}

function retarget(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(retarget);
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof item === 'string'
        ? item.replace(/^#\/\$defs\//, '#/components/schemas/')
        : retarget(item);
  }
  return out;
}
