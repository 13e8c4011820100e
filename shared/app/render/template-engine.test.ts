import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors';
import { createTemplateEngine } from './template-engine';

const settings = { locale: 'en-US', timeZone: 'UTC' };
const engine = createTemplateEngine();
const render = (source: string, scope: object = {}) => engine.render('body', source, scope, settings);

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected the render to fail');
}

describe('template engine: escaping', () => {
  it('HTML-escapes every output, so a <script> in a row value comes out as text', () => {
    const html = render('{% for r in rows %}<td>{{ r.name }}</td>{% endfor %}', {
      rows: [{ name: '<script>alert("x")</script>' }, { name: `O'Brien & <b>` }],
    });
    expect(html).toBe(
      '<td>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</td><td>O&#39;Brien &amp; &lt;b&gt;</td>',
    );
  });

  it('has no raw filter to turn escaping off', () => {
    const err = failure(() => render('{{ v | raw }}', { v: '<b>' }));
    expect(err.code).toBe('TEMPLATE_ERROR');
    expect(err.message).toContain('undefined filter: raw');
  });

  it('reads own properties only (no prototype, no constructor)', () => {
    expect(failure(() => render('{{ v.constructor }}', { v: {} })).code).toBe('TEMPLATE_ERROR');
    expect(failure(() => render('{{ s.toString }}', { s: 'x' })).code).toBe('TEMPLATE_ERROR');
  });
});

describe('template engine: strict errors with line and column', () => {
  it('an unknown variable names it, with its line and column', () => {
    const err = failure(() => render('<h1>Title</h1>\n<p>{{ report.nmae }}</p>', { report: { name: 'x' } }));
    expect(err.code).toBe('TEMPLATE_ERROR');
    expect(err.retryable).toBe(false);
    expect(err.details).toMatchObject({ part: 'body', line: 2, column: 7 });
    expect(err.message).toBe('Template body line 2, column 7: undefined variable: report.nmae');
  });

  it('an unknown filter', () => {
    const err = failure(() => render('a\nb\n  {{ 1 | shout }}'));
    expect(err.code).toBe('TEMPLATE_ERROR');
    expect(err.details).toMatchObject({ line: 3, column: 3 });
    expect(err.message).toContain('undefined filter: shout');
  });

  it('a syntax error', () => {
    const err = failure(() => render('ok\n{% for x in rows %}\n{{ x }}'));
    expect(err.code).toBe('TEMPLATE_ERROR');
    expect(err.details).toMatchObject({ line: 2, column: 1 });
    expect(err.message).toContain('not closed');
  });

  it('reports which part failed', () => {
    const err = failure(() => engine.render('footer', '{{ nope }}', {}, settings));
    expect(err.details).toMatchObject({ part: 'footer', line: 1, column: 4 });
  });

  it('lets `if` test an absent name, while printing one stays an error', () => {
    expect(render('{% if params.region %}R{% else %}all{% endif %}', { params: {} })).toBe('all');
  });
});

describe('template engine: limits', () => {
  it('an endless loop fails fast with TEMPLATE_LIMIT', () => {
    const started = performance.now();
    const err = failure(() => render('{% for i in (1..100000000) %}x{% endfor %}'));
    expect(err.code).toBe('TEMPLATE_LIMIT');
    expect(err.retryable).toBe(false);
    expect(err.details).toMatchObject({ limit: 'memory', line: 1, column: 1 });
    expect(performance.now() - started).toBeLessThan(8_000);
  });

  it('an output bomb (text in nested loops) fails fast on the output limit', () => {
    const started = performance.now();
    const text = 'x'.repeat(200);
    const err = failure(() =>
      render(`{% for a in (1..5000) %}{% for b in (1..5000) %}${text}{% endfor %}{% endfor %}`),
    );
    expect(err.code).toBe('TEMPLATE_LIMIT');
    expect(err.details).toMatchObject({ limit: 'output' });
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('a string doubled until it explodes fails on the memory limit', () => {
    const err = failure(() =>
      render("{% assign s = 'xx' %}{% for i in (1..60) %}{% assign s = s | append: s %}{% endfor %}{{ s }}"),
    );
    expect(err.code).toBe('TEMPLATE_LIMIT');
    expect(err.details).toMatchObject({ limit: 'memory' });
  });

  it('CPU-bound loops over existing rows stop at the render time limit', () => {
    const quick = createTemplateEngine({ renderLimitMs: 500 });
    const rows = Array.from({ length: 1000 }, (_, i) => i);
    const started = performance.now();
    const err = failure(() =>
      quick.render(
        'body',
        '{% for a in rows %}{% for b in rows %}{% for c in rows %}{% endfor %}{% endfor %}{% endfor %}',
        { rows },
        settings,
      ),
    );
    expect(err.code).toBe('TEMPLATE_LIMIT');
    expect(err.details).toMatchObject({ limit: 'render-time' });
    expect(performance.now() - started).toBeLessThan(8_000);
  });

  it('a template longer than the parse limit is refused', () => {
    const small = createTemplateEngine({ parseLimit: 1_000 });
    const err = failure(() => small.render('body', 'x'.repeat(1_001), {}, settings));
    expect(err.code).toBe('TEMPLATE_LIMIT');
    expect(err.details).toMatchObject({ limit: 'parse' });
  });
});

describe('template engine: no file system', () => {
  it.each([
    "{% include '/etc/passwd' %}",
    "{% render '../../package.json' %}",
    "{% layout 'package.json' %}x",
    '{% include package %}',
  ])('%s fails with TEMPLATE_ERROR and reads nothing', (source) => {
    const err = failure(() => render(source, { package: 'package.json' }));
    expect(err.code).toBe('TEMPLATE_ERROR');
    expect(err.message).toMatch(/Failed to lookup/);
    expect(JSON.stringify(err.details)).not.toMatch(/root:|report-scheduler/);
  });
});
