import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseJsonBody, queryToObject, validateInput } from './parse-input';
import { formatFieldPath } from './describe-zod-error';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return (err as { code: string }).code;
  }
};

describe('input parsing', () => {
  it('makes a non-strict top-level object strict', () => {
    expect(codeOf(() => validateInput(z.object({ a: z.string() }), { a: 'x', b: 1 }, 'body'))).toBe(
      'VALIDATION_ERROR',
    );
    expect(validateInput(z.object({ a: z.string() }), { a: 'x' }, 'body')).toEqual({ a: 'x' });
  });

  it('accepts JSON media types only, and empty bodies as undefined', () => {
    expect(parseJsonBody(Buffer.from('{"a":1}'), 'application/json; charset=utf-8')).toEqual({ a: 1 });
    expect(parseJsonBody(Buffer.from('{"a":1}'), 'application/merge-patch+json')).toEqual({ a: 1 });
    expect(parseJsonBody(Buffer.alloc(0), null)).toBeUndefined();
    expect(codeOf(() => parseJsonBody(Buffer.from('{}'), 'application/jsonx'))).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(codeOf(() => parseJsonBody(Buffer.from('{}'), null))).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(codeOf(() => parseJsonBody(Buffer.from('{'), 'application/json'))).toBe('MALFORMED_JSON');
  });

  it('keeps repeated query parameters as arrays', () => {
    expect(queryToObject(new URLSearchParams('a=1&b=2&b=3'))).toEqual({ a: '1', b: ['2', '3'] });
  });

  it('formats field paths', () => {
    expect(formatFieldPath(['emailDelivery', 'recipients', 1])).toBe('emailDelivery.recipients[1]');
    expect(formatFieldPath(['headers', 'x-trace'])).toBe('headers["x-trace"]');
  });
});
