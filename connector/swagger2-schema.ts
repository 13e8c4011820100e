type Json = Record<string, unknown>;

/** The `format` values a Power Platform connector accepts; others are dropped (the pattern stays). */
export const CONNECTOR_FORMATS = new Set([
  'int32',
  'int64',
  'float',
  'double',
  'byte',
  'binary',
  'date',
  'date-time',
  'password',
  'email',
  'uri',
]);

const KEPT = new Set([
  'type',
  'description',
  'title',
  'default',
  'enum',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'required',
  'example',
  'readOnly',
]);

const isNull = (s: unknown) => typeof s === 'object' && s !== null && (s as Json).type === 'null';

/**
 * A JSON Schema 2020-12 schema (as our OpenAPI 3.1 document has them) as a Swagger 2.0 schema, which
 * knows no `const`, `anyOf` / `oneOf`, type lists or numeric `exclusiveMinimum`: `X | null` becomes X
 * with `x-nullable`, `const` a one-value `enum`, other unions a schema without a type (any value, the
 * API checks it). References are rewritten to `#/definitions/` and reported through `onRef`.
 */
export function toSwagger2Schema(schema: unknown, onRef: (name: string) => void): Json {
  if (typeof schema !== 'object' || schema === null) return {};
  const s = schema as Json;
  if (typeof s.$ref === 'string') {
    const name = s.$ref.split('/').pop()!;
    onRef(name);
    return { $ref: `#/definitions/${name}` };
  }
  const union = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (union) {
    const others = union.filter((variant) => !isNull(variant));
    const base = { ...(typeof s.description === 'string' ? { description: s.description } : {}) };
    if (others.length === 1)
      return {
        ...toSwagger2Schema(others[0], onRef),
        ...base,
        ...(others.length < union.length ? { 'x-nullable': true } : {}),
      };
    const types = new Set(others.map((v) => (v as Json).type));
    if (types.size === 1 && typeof [...types][0] === 'string' && [...types][0] !== 'object')
      return { type: [...types][0], ...base };
    return base;
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(s)) {
    if (KEPT.has(key)) out[key] = value;
    else if (key.startsWith('x-')) out[key] = value;
  }
  if (Array.isArray(s.type)) {
    const types = (s.type as string[]).filter((t) => t !== 'null');
    if (types.length === 1) out.type = types[0];
    else delete out.type;
    if (types.length < (s.type as string[]).length) out['x-nullable'] = true;
  }
  if (s.type === 'null') delete out.type;
  if ('const' in s) {
    out.enum = [s.const];
    if (out.type === undefined && typeof s.const === 'string') out.type = 'string';
  }
  if (typeof s.format === 'string' && CONNECTOR_FORMATS.has(s.format)) out.format = s.format;
  if (typeof s.exclusiveMinimum === 'number')
    Object.assign(out, { minimum: s.exclusiveMinimum, exclusiveMinimum: true });
  if (typeof s.exclusiveMaximum === 'number')
    Object.assign(out, { maximum: s.exclusiveMaximum, exclusiveMaximum: true });
  if (s.properties) {
    out.properties = Object.fromEntries(
      Object.entries(s.properties as Record<string, unknown>).map(([k, v]) => [
        k,
        toSwagger2Schema(v, onRef),
      ]),
    );
  }
  if (s.items) out.items = toSwagger2Schema(s.items, onRef);
  if (typeof s.additionalProperties === 'object' && s.additionalProperties !== null)
    out.additionalProperties = toSwagger2Schema(s.additionalProperties, onRef);
  else if (s.additionalProperties === false && out.type === 'object') out.additionalProperties = false;
  if (Array.isArray(out.required) && out.required.length === 0) delete out.required;
  return out;
}
