import { describe, expect, it } from 'vitest';
import { matchRouteTemplate, parseRouteTemplate } from './route-template';
import { createRouteTable, splitPath } from './route-table';

const match = (template: string, path: string) =>
  matchRouteTemplate(parseRouteTemplate(template), splitPath(path));

describe('route templates', () => {
  it('matches literal segments case-insensitively and captures parameters', () => {
    expect(match('api/Reports/{id}', '/API/reports/42')).toEqual({ id: '42' });
    expect(match('api/reports/{id}', '/api/report/42')).toBeUndefined();
    expect(match('api/reports/{id}', '/api/reports')).toBeUndefined();
    expect(match('api/reports/{id}', '/api/reports/42/more')).toBeUndefined();
    expect(match('api/reports/{id}', '/api/reports/a%20b/')).toEqual({ id: 'a b' });
  });

  it('supports optional parameters, defaults and catch-alls', () => {
    expect(match('api/items/{id?}', '/api/items')).toEqual({});
    expect(match('api/items/{id?}', '/api/items/7')).toEqual({ id: '7' });
    expect(match('api/page/{n=5}', '/api/page')).toEqual({ n: '5' });
    expect(match('api/page/{n=5}', '/api/page/9')).toEqual({ n: '9' });
    expect(match('api/files/{*rest}', '/api/files/a/b/c.txt')).toEqual({ rest: 'a/b/c.txt' });
    expect(match('api/files/{**rest}', '/api/files')).toEqual({});
    expect(match('{*path}', '/anything/at/all')).toEqual({ path: 'anything/at/all' });
    expect(match('api/{a=1}/x', '/api/x')).toBeUndefined();
  });

  it('supports complex segments and escaped braces', () => {
    expect(match('api/files/{name}.{ext}', '/api/files/a.b.txt')).toEqual({ name: 'a.b', ext: 'txt' });
    expect(match('api/files/{name}.{ext?}', '/api/files/readme')).toEqual({ name: 'readme' });
    expect(match('api/files/{name}.{ext?}', '/api/files/readme.md')).toEqual({ name: 'readme', ext: 'md' });
    expect(match('api/lit{{x}}/{id}', '/api/lit{x}/1')).toEqual({ id: '1' });
  });

  it.each([
    ['int', '42', 'x42'],
    ['int', '-7', '2147483648'],
    ['long', '9223372036854775807', '9223372036854775808'],
    ['guid', '3f2504e0-4f89-11d3-9a0c-0305e82c3301', '3f2504e0-4f89-11d3-9a0c'],
    ['guid', '3f2504e04f8911d39a0c0305e82c3301', 'not-a-guid'],
    ['bool', 'TRUE', 'yes'],
    ['alpha', 'abcXYZ', 'abc1'],
    ['datetime', '2024-02-29', 'yesterday'],
    ['datetime', '2024-02-29T10:00:00Z', '12'],
    ['decimal', '-1.50', '1e5'],
    ['double', '1e5', '1.2.3'],
    ['float', '.5', 'abc'],
    ['minlength(3)', 'abc', 'ab'],
    ['maxlength(3)', 'abc', 'abcd'],
    ['length(2)', 'ab', 'abc'],
    ['length(2,3)', 'abc', 'abcd'],
    ['min(10)', '10', '9'],
    ['max(10)', '10', '11'],
    ['range(1,3)', '3', '4'],
    ['range(1,3)', '1', 'one'],
    ['regex(^\\d{{3}}-[a-z]+$)', '123-ABC', '12-abc'],
    ['regex(^(a|b)$)', 'B', 'c'],
    ['int:min(1):max(5)', '5', '6'],
    ['alpha:length(2)', 'ab', 'a1'],
  ])('constraint %s accepts %s and rejects %s', (constraint, good, bad) => {
    const template = `api/x/{v:${constraint}}`;
    expect(match(template, `/api/x/${encodeURIComponent(good)}`)).toEqual({ v: good });
    expect(match(template, `/api/x/${encodeURIComponent(bad)}`)).toBeUndefined();
  });

  it('constrains optional and catch-all parameters too', () => {
    expect(match('api/x/{id:int?}', '/api/x')).toEqual({});
    expect(match('api/x/{id:int?}', '/api/x/a')).toBeUndefined();
    expect(match('api/x/{*rest:minlength(5)}', '/api/x/a/b')).toBeUndefined();
    expect(match('api/x/{*rest:minlength(5)}', '/api/x/ab/cd')).toEqual({ rest: 'ab/cd' });
  });

  it.each([
    ['api/{id:nosuch}', /Unknown route constraint/],
    ['api/{id', /unterminated/],
    ['api/id}', /unmatched/],
    ['api/{*rest}/more', /catch-all/],
    ['api/{a}/{A}', /appears twice/],
    ['api/{a?}/b', /optional/],
    ['api/{a}{b}', /literal between/],
    ['api/{id:int(3)}', /no arguments/],
    ['api/{id:length()}', /non-integer/],
  ])('rejects the invalid template %s', (template, message) => {
    expect(() => parseRouteTemplate(template)).toThrow(message);
  });
});

describe('the route table', () => {
  const table = createRouteTable([
    { template: 'api/{*path}', target: 'fallback' },
    { template: 'api/reports/{id}', methods: ['get'], target: 'report-any' },
    { template: 'api/reports/{id:int}', methods: ['GET'], target: 'report-int' },
    { template: 'api/reports/latest', methods: ['GET'], target: 'report-latest' },
    { template: 'api/reports', methods: ['GET', 'POST'], target: 'reports' },
    { template: 'api/items/{id}', methods: ['PUT', 'DELETE'], target: 'item' },
    { template: 'api/{tenant}/settings', target: 'settings' },
  ]);
  const target = (method: string, path: string) => {
    const m = table.match(method, path);
    return m.kind === 'matched' ? m.target : m.kind;
  };

  it('prefers literals over parameters, constrained over unconstrained, catch-all last', () => {
    expect(target('GET', '/api/reports/latest')).toBe('report-latest');
    expect(target('GET', '/api/reports/12')).toBe('report-int');
    expect(target('GET', '/api/reports/abc')).toBe('report-any');
    expect(target('GET', '/api/REPORTS')).toBe('reports');
    expect(target('GET', '/api/acme/settings')).toBe('settings');
    expect(target('GET', '/api/nothing/here/at/all')).toBe('fallback');
    expect(table.templates().at(-1)).toBe('api/{*path}');
  });

  it('falls through to another route when the method does not match, else answers 405 with Allow', () => {
    expect(target('POST', '/api/reports/12')).toBe('fallback');
    const narrow = createRouteTable([
      { template: 'api/items/{id}', methods: ['PUT', 'DELETE'], target: 'item' },
    ]);
    expect(narrow.match('GET', '/api/items/1')).toEqual({
      kind: 'method-not-allowed',
      allow: ['DELETE', 'PUT'],
    });
    expect(narrow.match('delete', '/api/items/1')).toMatchObject({ kind: 'matched', params: { id: '1' } });
    expect(narrow.match('GET', '/api/other')).toEqual({ kind: 'not-found' });
  });
});
