import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors';
import { createTemplateEngine } from './template-engine';

const engine = createTemplateEngine({ chartPointLimit: 50 });
const render = (
  source: string,
  scope: object = {},
  settings = { locale: 'en-US', timeZone: 'America/New_York' },
) => engine.render('body', source, scope, settings);

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected the render to fail');
}

describe('number filters', () => {
  it('currency formats with Intl in the render locale; decimals optional; numeric strings accepted', () => {
    expect(render("{{ v | currency: 'USD' }}", { v: 1234.5 })).toBe('$1,234.50');
    expect(render("{{ v | currency: 'eur' }}", { v: -3 })).toBe('-€3.00');
    expect(render("{{ v | currency: 'JPY' }}", { v: 1234.5 })).toBe('¥1,235');
    expect(render("{{ v | currency: 'USD', 0 }}", { v: '99.6' })).toBe('$100');
    const de = { locale: 'de-DE', timeZone: 'UTC' };
    expect(render("{{ v | currency: 'EUR' }}", { v: 1234.5 }, de)).toBe('1.234,50\u00a0€');
  });

  it('percentage shows a ratio as percent with the given decimals (default 0)', () => {
    expect(render('{{ r | percentage: 2 }}', { r: 0.12345 })).toBe('12.35%');
    expect(render('{{ r | percentage }}', { r: 0.5 })).toBe('50%');
    expect(render('{{ r | percentage: 1 }}', { r: -0.0525 })).toBe('-5.3%');
  });

  it('number groups thousands, with fixed decimals when given', () => {
    expect(render('{{ v | number }}', { v: 1234567.891 })).toBe('1,234,567.891');
    expect(render('{{ v | number: 2 }}', { v: 1234567.891 })).toBe('1,234,567.89');
    expect(render('{{ v | number: 0 }}', { v: 999.5 })).toBe('1,000');
  });

  it('repeated values (remembered per formatter) print as the first time; 0 and -0 stay apart', () => {
    const rows = [3, 3, 0, -0, 3, 0.5, 0.5].map((v) => ({ v }));
    expect(render('{% for r in rows %}[{{ r.v | number }}]{% endfor %}', { rows })).toBe(
      '[3][3][0][-0][3][0.5][0.5]',
    );
    const de = { locale: 'de-DE', timeZone: 'UTC' };
    expect(render("{{ v | currency: 'EUR' }}", { v: 3 }, de)).toBe('3,00\u00a0€');
    expect(render("{{ v | currency: 'EUR' }}", { v: 3 })).toBe('€3.00');
  });

  it('null or empty cells print nothing; text that is not a number is an error', () => {
    expect(
      render("[{{ v | currency: 'USD' }}|{{ v | percentage }}|{{ e | number }}]", { v: null, e: '' }),
    ).toBe('[||]');
    const err = failure(() => render('{{ v | number }}', { v: 'abc' }));
    expect(err.code).toBe('TEMPLATE_ERROR');
    expect(err.message).toContain('number: "abc" is not a number');
    expect(failure(() => render("{{ 1 | currency: 'DOLLARS' }}")).message).toContain('ISO 4217');
    expect(failure(() => render('{{ 1 | number: 99 }}')).message).toContain('decimals');
  });
});

describe('format_date', () => {
  const instant = '2026-03-08T12:00:00Z'; // US daylight time starts that morning

  it('formats an instant in the tenant time zone with the documented tokens', () => {
    expect(render("{{ d | format_date: 'yyyy-MM-dd HH:mm zzz XXX' }}", { d: instant })).toBe(
      '2026-03-08 08:00 EDT -04:00',
    );
    expect(render("{{ d | format_date: 'EEEE d MMMM yy, h:mm a' }}", { d: '2026-03-07T23:05:09Z' })).toBe(
      'Saturday 7 March 26, 6:05 PM',
    );
    expect(render("{{ d | format_date: 'EEE MMM dd HH:mm:ss' }}", { d: '2026-01-02T03:04:05Z' })).toBe(
      'Thu Jan 01 22:04:05',
    );
  });

  it('follows the zone across a daylight-saving change, minute by minute', () => {
    const f = (d: string) => render("{{ d | format_date: 'HH:mm zzz XXX' }}", { d });
    expect(f('2026-03-08T06:59:00Z')).toBe('01:59 EST -05:00');
    expect(f('2026-03-08T07:00:00Z')).toBe('03:00 EDT -04:00');
    expect(f('2026-11-01T05:30:00Z')).toBe('01:30 EDT -04:00');
    expect(f('2026-11-01T06:30:00Z')).toBe('01:30 EST -05:00');
    const nepal = { locale: 'en-US', timeZone: 'Asia/Kathmandu' };
    expect(render("{{ d | format_date: 'HH:mm XXX' }}", { d: '2026-03-08T00:00:00Z' }, nepal)).toBe(
      '05:45 +05:45',
    );
  });

  it('defaults to yyyy-MM-dd HH:mm, takes a zone override, quotes literals', () => {
    expect(render('{{ d | format_date }}', { d: instant })).toBe('2026-03-08 08:00');
    expect(render("{{ d | format_date: 'HH:mm XXX', 'UTC' }}", { d: instant })).toBe('12:00 +00:00');
    expect(render("{{ d | format_date: \"d MMM 'at' H'h'\", 'Asia/Tokyo' }}", { d: instant })).toBe(
      '8 Mar at 21h',
    );
  });

  it('month and weekday names follow the locale', () => {
    const fr = { locale: 'fr-FR', timeZone: 'Europe/Paris' };
    expect(render("{{ d | format_date: 'EEEE d MMMM yyyy HH:mm' }}", { d: instant }, fr)).toBe(
      'dimanche 8 mars 2026 13:00',
    );
  });

  it('a calendar date stays that date; a naive timestamp is UTC; epoch milliseconds work', () => {
    expect(render("{{ d | format_date: 'd MMM yyyy' }}", { d: '2026-03-01' })).toBe('1 Mar 2026');
    expect(render("{{ d | format_date: 'HH:mm' }}", { d: '2026-03-01 15:30:00' })).toBe('10:30');
    expect(render("{{ d | format_date: 'yyyy-MM-dd HH:mm' }}", { d: Date.UTC(2026, 6, 1, 0, 0) })).toBe(
      '2026-06-30 20:00',
    );
    expect(render("[{{ d | format_date: 'yyyy' }}]", { d: null })).toBe('[]');
  });

  it('rejects unknown tokens, unknown zones and values that are not dates', () => {
    expect(failure(() => render("{{ d | format_date: 'YYYY-MM-DD' }}", { d: instant })).message).toContain(
      'unknown token "YYYY"',
    );
    expect(failure(() => render("{{ d | format_date: 'HH', 'Mars/Olympus' }}", { d: instant })).code).toBe(
      'TEMPLATE_ERROR',
    );
    expect(failure(() => render('{{ d | format_date }}', { d: 'next tuesday' })).message).toContain(
      'is not a date',
    );
  });
});

describe('chart', () => {
  const rows = [
    { region: 'EU', total: 10, cost: 4 },
    { region: 'US', total: 5, cost: 1 },
    { region: 'EU', total: 1, cost: 2 },
    { region: 'APAC', total: null, cost: 3 },
  ];
  const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

  it('draws a bar chart as inline SVG, one bar per label, values summed per label', () => {
    const html = render("{{ rows | chart: 'bar', 'region', 'total' }}", { rows });
    expect(html).toMatch(/^<div class="report-chart"><svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(texts(html)).toEqual(expect.arrayContaining(['EU', 'US', 'APAC']));
    // The y axis is scaled to the largest sum, EU's 11 (not any single row's 10).
    expect(texts(html)).toContain('12');
    expect(html).not.toContain('<script');
  });

  it('draws pie slices with their shares', () => {
    const html = render("{{ rows | chart: 'pie', 'region', 'total' }}", { rows });
    expect(texts(html)).toEqual(expect.arrayContaining(['EU: 68.75%', 'US: 31.25%']));
  });

  it('draws line and area charts, one series per comma-separated value field, with a legend', () => {
    const line = render("{{ rows | chart: 'line', 'region', 'total,cost', title: 'Sales' }}", { rows });
    const area = render("{{ rows | chart: 'area', 'region', 'total,cost' }}", { rows });
    expect(texts(line)).toEqual(expect.arrayContaining(['Sales', 'total', 'cost', 'EU']));
    expect(line).not.toContain('fill-opacity="0.7"');
    expect(area).toContain('fill-opacity="0.7"');
  });

  it('aggregates by avg / max / count and honours width and height', () => {
    const avg = render("{{ rows | chart: 'pie', 'region', 'total', aggregate: 'avg' }}", { rows });
    expect(texts(avg)).toEqual(expect.arrayContaining(['EU: 52.38%', 'US: 47.62%'])); // 5.5 vs 5
    const count = render(
      "{{ rows | chart: 'pie', 'region', 'cost', aggregate: 'count', width: 500, height: 300 }}",
      {
        rows,
      },
    );
    expect(texts(count)).toEqual(expect.arrayContaining(['EU: 50%', 'US: 25%', 'APAC: 25%']));
    expect(count).toContain('<svg width="500" height="300"');
  });

  it('escapes labels and titles drawn from data', () => {
    const evil = [{ name: '<script>alert(1)</script>', v: 1 }];
    const html = render("{{ rows | chart: 'bar', 'name', 'v', title: t }}", {
      rows: evil,
      t: '<img src=x onerror=1>',
    });
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('is raw only as the last filter: assigned or piped on, its SVG is escaped like any text', () => {
    const assigned = render("{% assign c = rows | chart: 'bar', 'region', 'total' %}{{ c }}", { rows });
    expect(assigned.startsWith('&lt;div class=&#34;report-chart&#34;&gt;&lt;svg')).toBe(true);
    const piped = render("{{ rows | chart: 'bar', 'region', 'total' | append: '' }}", { rows });
    expect(piped.startsWith('&lt;div')).toBe(true);
  });

  it('rejects a bad type, a missing field, text values, unknown options', () => {
    expect(
      failure(() => render("{{ rows | chart: 'radar', 'region', 'total' }}", { rows })).message,
    ).toContain('bar, line, area, pie');
    expect(
      failure(() => render("{{ rows | chart: 'bar', 'country', 'total' }}", { rows })).message,
    ).toContain('no field "country"');
    expect(failure(() => render("{{ rows | chart: 'bar', 'total', 'region' }}", { rows })).message).toContain(
      'is not a number',
    );
    expect(
      failure(() => render("{{ rows | chart: 'bar', 'region', 'total', colour: 'red' }}", { rows })).message,
    ).toContain('unknown option colour');
    expect(failure(() => render("{{ 'x' | chart: 'bar', 'region', 'total' }}")).code).toBe('TEMPLATE_ERROR');
  });

  it('more labels than the chart limit fail with TEMPLATE_LIMIT', () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ k: `k${i}`, v: i }));
    const err = failure(() => render("{{ rows | chart: 'bar', 'k', 'v' }}", { rows: many }));
    expect(err.code).toBe('TEMPLATE_LIMIT');
    expect(err.details).toMatchObject({ limit: 'chart', line: 1, column: 1 });
  });
});
