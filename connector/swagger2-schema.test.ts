import { describe, expect, it } from 'vitest';
import { toSwagger2Schema } from './swagger2-schema';

describe('JSON Schema 2020-12 → Swagger 2.0 schema', () => {
  it('turns what Swagger 2.0 lacks into what it has, and rewrites references', () => {
    const refs: string[] = [];
    const schema = toSwagger2Schema(
      {
        type: 'object',
        properties: {
          kind: { type: 'string', const: 'cron' },
          next: { type: ['string', 'null'], format: 'date-time' },
          error: { anyOf: [{ $ref: '#/components/schemas/RunError' }, { type: 'null' }] },
          id: { type: 'string', format: 'uuid' },
          count: { type: 'integer', exclusiveMinimum: 0 },
          expression: { anyOf: [{ type: 'string' }, { type: 'object' }] },
        },
        required: ['kind'],
        additionalProperties: false,
        propertyNames: { pattern: '^a' },
      },
      (name) => refs.push(name),
    );
    expect(schema).toEqual({
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['cron'] },
        next: { type: 'string', format: 'date-time', 'x-nullable': true },
        error: { $ref: '#/definitions/RunError', 'x-nullable': true },
        id: { type: 'string' },
        count: { type: 'integer', minimum: 0, exclusiveMinimum: true },
        expression: {},
      },
      required: ['kind'],
      additionalProperties: false,
    });
    expect(refs).toEqual(['RunError']);
  });
});
