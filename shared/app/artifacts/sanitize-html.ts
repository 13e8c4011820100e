/**
 * Sanitizes an HTML artifact for in-app preview: report templates are written by tenant users, and while
 * their *values* are escaped by Liquid, their markup is theirs. The output is rebuilt token by token:
 * only allow-listed elements (document structure, text, tables, lists, images, inline SVG charts) and
 * attributes survive; scripts, frames, objects, forms, links and their contents go; `on*` handlers go;
 * URLs survive only as in-document fragments (`#id`) or `data:image/*` in `src`; CSS loses `@import`,
 * external `url(…)`, `expression(…)` and escapes. Anything that does not parse as a tag is escaped as text.
 * The endpoint also sends a strict Content-Security-Policy, so this is the second line of defence.
 */

const allowedElements = new Set(
  (
    'html head meta body title style main header footer section article aside nav div span p br hr ' +
    'h1 h2 h3 h4 h5 h6 strong b em i u s small sub sup mark abbr time code pre blockquote q cite ' +
    'ul ol li dl dt dd table caption colgroup col thead tbody tfoot tr th td figure figcaption img a ' +
    'svg g path rect circle ellipse line polyline polygon text tspan defs clippath lineargradient ' +
    'radialgradient stop desc'
  ).split(' '),
);

/** Elements removed together with everything inside them. */
const droppedWithContent = new Set(
  'script iframe frame frameset object noscript noembed noframes template xmp textarea select form math'.split(
    ' ',
  ),
);

/** Elements whose content is raw text up to their end tag. */
const rawText = new Set(['script', 'style', 'xmp', 'textarea', 'title', 'iframe', 'noembed', 'noframes']);

const urlAttributes = new Set(
  'href src xlink:href action formaction srcset poster background data codebase cite longdesc usemap ping manifest dynsrc lowsrc'.split(
    ' ',
  ),
);

const safeFragment = /^#[A-Za-z0-9_:.-]+$/;
const safeDataImage = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$/;
const attributeName = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/;

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Text as text: `<` and `>` escaped, a bare `&` escaped, character references left as they are. */
const escapeKeepingEntities = (s: string) => escapeText(s).replace(/&amp;(#?[a-zA-Z0-9]+;)/g, '&$1');
const escapeAttribute = (s: string) => s.replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** CSS with nothing that can load or run: no @import, no url() but fragments and data images, no escapes. */
export function sanitizeCss(css: string): string {
  return css
    .replace(/\\/g, '')
    .replace(/<\/?[a-z!]/gi, '')
    .replace(/@import[^;]*;?/gi, '')
    .replace(/expression\s*\([^;}]*/gi, 'none')
    .replace(/url\s*\(\s*(['"]?)([^)'"]*)\1\s*\)/gi, (whole, _q: string, target: string) =>
      safeFragment.test(target) || safeDataImage.test(target) ? whole : 'none',
    )
    .replace(/url\s*\(/gi, 'none(');
}

function keepAttribute(element: string, name: string, value: string): string | undefined {
  const lower = name.toLowerCase();
  if (!attributeName.test(name) || lower.startsWith('on') || lower === 'srcdoc' || lower === 'is') return;
  if (urlAttributes.has(lower)) {
    const fragmentOk = lower === 'href' || lower === 'xlink:href';
    if (fragmentOk && safeFragment.test(value)) return value;
    if (lower === 'src' && element === 'img' && safeDataImage.test(value)) return value;
    return;
  }
  if (lower === 'style') return sanitizeCss(value);
  // Presentation attributes may reference a clip path or gradient — in-document only.
  if (/url\s*\(/i.test(value) && !/^url\(#[A-Za-z0-9_:.-]+\)$/.test(value.trim())) return;
  if (/[\\]|javascript:|expression\s*\(/i.test(value)) return;
  return value;
}

const attributePattern = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function openTag(name: string, attributes: string, selfClosing: boolean): string {
  const element = name.toLowerCase();
  if (element === 'meta') {
    return /\bcharset\s*=/i.test(attributes) ? '<meta charset="utf-8">' : '';
  }
  let out = `<${name}`;
  const seen = new Set<string>();
  for (const match of attributes.matchAll(attributePattern)) {
    const attr = match[1]!;
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    if (seen.has(attr.toLowerCase())) continue;
    seen.add(attr.toLowerCase());
    const kept = keepAttribute(element, attr, value);
    if (kept !== undefined) out += ` ${attr}="${escapeAttribute(kept)}"`;
  }
  return `${out}${selfClosing ? ' />' : '>'}`;
}

/**
 * Index just past the end tag `</name…>` from `from`. Without one, nothing is skipped: what follows is
 * sanitized as ordinary markup (a stray open tag must not swallow the rest of the document).
 */
function skipPastEndTag(html: string, name: string, from: number): { contentEnd: number; next: number } {
  const close = new RegExp(`</${name}[\\s/>]`, 'ig');
  close.lastIndex = from;
  const found = close.exec(html);
  if (!found) return { contentEnd: from, next: from };
  const gt = html.indexOf('>', found.index);
  return { contentEnd: found.index, next: gt < 0 ? html.length : gt + 1 };
}

export function sanitizeHtml(html: string): string {
  let out = '';
  let i = 0;
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/y;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += escapeKeepingEntities(html.slice(i));
      break;
    }
    out += escapeKeepingEntities(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (/^<!doctype html>/i.test(html.slice(lt, lt + 15))) {
      out += '<!DOCTYPE html>';
      i = lt + 15;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const end = html.indexOf('>', lt);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    tag.lastIndex = lt;
    const m = tag.exec(html);
    if (!m) {
      out += '&lt;';
      i = lt + 1;
      continue;
    }
    i = tag.lastIndex;
    const [, slash, name = '', rawAttributes = ''] = m;
    const element = name.toLowerCase();
    const closing = slash === '/';
    if (
      !closing &&
      (droppedWithContent.has(element) ||
        (rawText.has(element) && element !== 'style' && element !== 'title'))
    ) {
      i = skipPastEndTag(html, element, i).next;
      continue;
    }
    if (!allowedElements.has(element)) continue;
    if (closing) {
      out += `</${name}>`;
      continue;
    }
    const selfClosing = /\/\s*$/.test(rawAttributes);
    out += openTag(name, rawAttributes.replace(/\/\s*$/, ''), selfClosing);
    if (element === 'style' || element === 'title') {
      const { contentEnd, next } = skipPastEndTag(html, element, i);
      const content = html.slice(i, contentEnd);
      out += element === 'style' ? sanitizeCss(content) : escapeKeepingEntities(content);
      out += `</${name}>`;
      i = next;
    }
  }
  return out;
}
