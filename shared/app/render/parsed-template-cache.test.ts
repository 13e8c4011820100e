import { Liquid } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import { createParsedTemplateCache } from './parsed-template-cache';

describe('parsed template cache', () => {
  const liquid = new Liquid();
  function counting(limits?: { entries: number; chars: number }) {
    const parsed: string[] = [];
    const parse = createParsedTemplateCache((source) => {
      parsed.push(source);
      return liquid.parse(source);
    }, limits);
    return { parse, parsed };
  }

  it('parses a source once, and the cached templates render like fresh ones', () => {
    const { parse, parsed } = counting();
    const first = parse('{{ a }}-{{ b }}');
    expect(parse('{{ a }}-{{ b }}')).toBe(first);
    expect(parsed).toEqual(['{{ a }}-{{ b }}']);
    expect(liquid.renderSync(first, { a: 1, b: 2 })).toBe('1-2');
    expect(liquid.renderSync(parse('{{ a }}-{{ b }}'), { a: 3, b: 4 })).toBe('3-4');
  });

  it('keeps no failed parse, and drops the oldest past its entry and character bounds', () => {
    const { parse, parsed } = counting({ entries: 2, chars: 20 });
    expect(() => parse('{% if %}')).toThrow();
    expect(() => parse('{% if %}')).toThrow();
    expect(parsed).toEqual(['{% if %}', '{% if %}']);
    parse('a');
    parse('b');
    parse('c'); // evicts 'a'
    parse('b');
    parse('a');
    expect(parsed.slice(2)).toEqual(['a', 'b', 'c', 'a']);
    parse('x'.repeat(15)); // 15 + 1 + 1 > 20 characters: evicts until it fits
    parse('c');
    expect(parsed.slice(6)).toEqual(['x'.repeat(15), 'c']);
    parse('y'.repeat(21)); // larger than the bound: not kept
    parse('y'.repeat(21));
    expect(parsed.slice(8)).toEqual(['y'.repeat(21), 'y'.repeat(21)]);
  });
});
