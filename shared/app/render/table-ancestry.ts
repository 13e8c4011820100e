const voidElements = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
const rawText = new Set(['style', 'script', 'textarea', 'title']);
const tagPattern = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)\b[^>]*?(\/?)>/g;

/** The part of a document before a table, in two forms that slices of the table print with. */
export interface TableAncestry {
  /** The document as written, the table's ancestors (inside `<body>`) marked with `attribute`. */
  marked: string;
  /** Only `<head>`, the `<body>` tag, the body's `<style>` elements and the marked ancestors' start tags. */
  ancestorsOnly: string;
}

/**
 * Reads the tags between `<body>` and a table (which starts at `tableStart`, the end of `head`) to find
 * the elements the table sits in. Undefined when they do not nest (an implied end tag, say): the caller
 * then prints the document whole.
 */
export function tableAncestry(
  head: string,
  tableStart: number,
  attribute: string,
): TableAncestry | undefined {
  const body = /<body\b[^>]*>/i.exec(head);
  if (!body || body.index > tableStart) return undefined;
  const from = body.index + body[0].length;
  const open: { name: string; at: number; tag: string }[] = [];
  const styles: string[] = [];
  const lower = head.toLowerCase();
  tagPattern.lastIndex = from;
  for (let m = tagPattern.exec(head); m && m.index < tableStart; m = tagPattern.exec(head)) {
    const [text, closing, nameRaw, selfClosing] = m;
    if (nameRaw === undefined) continue; // a comment
    const name = nameRaw.toLowerCase();
    if (closing) {
      if (open.pop()?.name !== name) return undefined;
    } else if (rawText.has(name)) {
      const end = lower.indexOf(`</${name}`, tagPattern.lastIndex);
      const close = end < 0 ? -1 : head.indexOf('>', end);
      if (close < 0 || close > tableStart) return undefined;
      if (name === 'style') styles.push(head.slice(m.index, close + 1));
      tagPattern.lastIndex = close + 1;
    } else if (!selfClosing && !voidElements.has(name)) {
      open.push({ name, at: m.index, tag: text });
    }
  }
  const mark = (tag: string, name: string) =>
    `<${tag.slice(1, 1 + name.length)} ${attribute}${tag.slice(1 + name.length)}`;
  let marked = head;
  for (const a of [...open].reverse())
    marked = `${marked.slice(0, a.at)}${mark(a.tag, a.name)}${marked.slice(a.at + a.tag.length)}`;
  return {
    marked,
    ancestorsOnly: `${head.slice(0, from)}${styles.join('')}${open.map((a) => mark(a.tag, a.name)).join('')}${head.slice(tableStart)}`,
  };
}
