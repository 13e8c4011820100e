import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from './sanitize-html';
import { xssBypassCorpus } from './testing/xss-bypass-corpus';

// The sanitizer's output for known bypasses, read back tag by tag: nothing that can run or load survives.
const forbiddenElements =
  /^(script|iframe|frame|frameset|object|embed|applet|form|input|button|option|select|textarea|xmp|link|base|bgsound|xml|set|animate|use|image|foreignobject|math|mglyph|template|noscript|noembed|noframes)$/i;

const decode = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(
      /&(quot|apos|lt|gt|amp|colon|tab|newline);/gi,
      (_, e: string) =>
        ({ quot: '"', apos: "'", lt: '<', gt: '>', amp: '&', colon: ':', tab: '\t', newline: '\n' })[
          e.toLowerCase() as 'quot'
        ],
    );

const loadsOrRuns = /(?:java|vb)script:|data:text|expression\s*\(|@import/i;
/** CSS loads only through url(…), @import and (old IE) expression(…); a `javascript:` string elsewhere is inert. */
const externalUrl = /url\s*\(\s*['"]?(?!#|data:image\/)/i;
const cssLoadsOrRuns = (css: string) => externalUrl.test(css) || /expression\s*\(|@import/i.test(css);

function problemsIn(output: string): string[] {
  const problems: string[] = [];
  for (const [tag, name = ''] of output.matchAll(/<\/?([a-zA-Z][^\s/>]*)[^>]*>/g)) {
    if (forbiddenElements.test(name)) problems.push(`element ${name}`);
    if (/^meta$/i.test(name) && tag !== '<meta charset="utf-8" />') problems.push(`meta ${tag}`);
    for (const [, attr = '', raw = ''] of tag.matchAll(/\s([^\s="/>]+)(?:="([^"]*)")?/g)) {
      const value = decode(raw).replace(/[\s\0]+/g, '');
      if (/^on/i.test(attr) || /^(srcdoc|is|formaction|xlink:href|background|dynsrc|lowsrc)$/i.test(attr))
        problems.push(`attribute ${attr}`);
      const dangerous = /^style$/i.test(attr) ? cssLoadsOrRuns(value) : loadsOrRuns.test(value);
      if (dangerous || externalUrl.test(value)) problems.push(`${attr}="${raw}"`);
      if (/^(href|src)$/i.test(attr) && !/^#|^data:image\/(png|jpeg|gif|webp);base64,/i.test(value))
        problems.push(`${attr}="${raw}"`);
    }
  }
  for (const [, css = ''] of output.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi))
    if (cssLoadsOrRuns(css)) problems.push(`style ${css}`);
  return problems;
}

describe('sanitizeHtml against known bypass payloads (OWASP cheat sheet, sanitize-html suite, mXSS)', () => {
  it(`holds for all ${xssBypassCorpus.length} payloads`, () => {
    const failures = xssBypassCorpus
      .map((payload) => ({ payload, output: sanitizeHtml(payload) }))
      .map((c) => ({ ...c, problems: problemsIn(c.output) }))
      .filter((c) => c.problems.length > 0);
    expect(failures).toEqual([]);
  });

  it('is stable: sanitizing its own output changes nothing (no mutation on a second parse)', () => {
    for (const payload of xssBypassCorpus) {
      const once = sanitizeHtml(payload);
      expect(sanitizeHtml(once), payload).toBe(once);
    }
  });

  it('the checker itself sees the payloads as dangerous before sanitizing', () => {
    const raw = xssBypassCorpus.filter((p) => problemsIn(p).length > 0).length;
    expect(raw).toBeGreaterThan(xssBypassCorpus.length * 0.7);
  });
});
