import { z } from 'zod';
import { AppError } from '../../shared/domain/errors';
import { describeZodError, type InputLocation } from './describe-zod-error';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** The JSON body of a request: 415 unless `application/json`, 400 MALFORMED_JSON unless it parses. Empty → undefined. */
export function parseJsonBody(bytes: Buffer, contentType: string | null): unknown {
  if (bytes.length === 0) return undefined;
  if (!contentType || !JSON_TYPE.test(contentType)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The request body must be application/json', {
      contentType: contentType ?? null,
    });
  }
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (err) {
    throw new AppError('MALFORMED_JSON', 'The request body is not valid JSON', {
      reason: err instanceof SyntaxError ? err.message : 'unparseable',
    });
  }
}

/** Query parameters as an object; a repeated parameter becomes an array. */
export function queryToObject(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

/** Top-level objects are made strict, so an unknown parameter or field is always a 400. */
function strictly(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodObject ? schema.strict() : schema;
}

/** Parses one part of the input with its schema; failure → 400 VALIDATION_ERROR naming the field. */
export function validateInput(
  schema: z.ZodType | undefined,
  value: unknown,
  location: InputLocation,
): unknown {
  if (!schema) return undefined;
  const result = strictly(schema).safeParse(value);
  if (result.success) return result.data;
  const details = describeZodError(result.error, location);
  const where = details.field ? `"${details.field}"` : `the ${location}`;
  throw new AppError(
    'VALIDATION_ERROR',
    `Invalid ${location}: ${where} ${details.issues[0]?.message ?? 'is invalid'}`,
    details,
  );
}
