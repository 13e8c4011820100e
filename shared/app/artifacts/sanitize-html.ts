import sanitize from 'sanitize-html';

/**
 * Sanitizes an HTML artifact for in-app preview: report templates are written by tenant users, and while
 * their *values* are escaped by Liquid, their markup is theirs. The document is parsed by `sanitize-html`
 * (htmlparser2, years of bypass reports behind it) and rebuilt from the parse: only allow-listed elements
 * (document structure, text, tables, lists, images, inline SVG charts) and attributes survive; scripts,
 * frames, objects, forms and their contents go; `on*` handlers go; URLs survive only as in-document
 * fragments (`#id`) or `data:image/*` in `src`; CSS loses `@import`, external `url(…)`, `expression(…)`
 * and escapes.
 *
 * Why the preview's Content-Security-Policy stays the first line of defence: a sanitizer parses the
 * document with *its* parser, the browser with another, and every mXSS bug lives in the gap between the
 * two (namespace confusion in SVG/MathML, re-parsing after serialisation, parser quirks that change
 * between browser versions). The CSP (`default-src 'none'`, no script, no frame, sandboxed) is enforced by
 * the browser on what it actually parsed, so a payload that slips through here still cannot run or load
 * anything. This function is the second line: it keeps what the CSP would block from being there at all.
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

/** SVG element names the parser lowercases, written back as SVG spells them. */
const svgNames = new Map(
  ['clipPath', 'linearGradient', 'radialGradient'].map((name) => [name.toLowerCase(), name] as const),
);

/**
 * Every attribute through `keepAttribute`; `meta` keeps only `charset` (as utf-8), and one without it is
 * left bare for `dropsElement` to remove. A transform never renames an element to one the allow-list
 * discards: sanitize-html then forgets to drop the rename on close, and the next element at that depth is
 * closed under the discarded name — a `<title>` after a `<meta name="viewport">` was left open, and the
 * browser read the whole document as the title.
 */
function transformTag(tagName: string, attribs: sanitize.Attributes): sanitize.Tag {
  const element = tagName.toLowerCase();
  if (element === 'meta')
    return { tagName: 'meta', attribs: 'charset' in attribs ? { charset: 'utf-8' } : {} };
  const kept: sanitize.Attributes = {};
  for (const [name, value] of Object.entries(attribs)) {
    const safe = keepAttribute(element, name, value);
    if (safe !== undefined) kept[name] = safe;
  }
  return { tagName: svgNames.get(element) ?? element, attribs: kept };
}

/** Removes an element the transform emptied: a `<meta>` that was not `<meta charset>`. */
const dropsElement = (frame: sanitize.IFrame) => frame.tag === 'meta' && !('charset' in frame.attribs);

const options: sanitize.IOptions = {
  allowedTags: [...allowedElements].map((name) => svgNames.get(name) ?? name),
  // Attributes are judged one by one in transformTag (all names, not a list): see keepAttribute.
  allowedAttributes: false,
  allowedSchemes: [],
  allowedSchemesByTag: { img: ['data'] },
  allowProtocolRelative: false,
  // Removed with everything inside them, not only their tags.
  nonTextTags: [...droppedWithContent, ...rawText].filter((name) => name !== 'style' && name !== 'title'),
  disallowedTagsMode: 'discard',
  // `<style>` is allowed (reports style themselves); its text is passed through raw and cleaned below.
  allowVulnerableTags: true,
  selfClosing: [
    'img',
    'br',
    'hr',
    'meta',
    'col',
    'path',
    'rect',
    'circle',
    'ellipse',
    'line',
    'polyline',
    'polygon',
    'stop',
  ],
  parser: { lowerCaseAttributeNames: false },
  transformTags: { '*': transformTag },
  exclusiveFilter: dropsElement,
};

export function sanitizeHtml(html: string): string {
  const doctype = /^\s*<!doctype html>/i.test(html) ? '<!DOCTYPE html>' : '';
  // The parser ended each <style> at its first `</style`, so its raw text holds none: clean it as CSS.
  return (
    doctype +
    sanitize(html, options).replace(
      /(<style\b[^>]*>)([\s\S]*?)(<\/style>)/gi,
      (_all, open: string, css: string, close: string) => open + sanitizeCss(css) + close,
    )
  );
}
