/** The `rel="next"` target of an HTTP `Link` header (RFC 8288), or undefined. */
export function nextLink(header: string | string[] | undefined): string | undefined {
  const text = Array.isArray(header) ? header.join(',') : header;
  if (!text || text.length > 8192) return undefined;
  for (const part of text.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const rels = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(part[2] ?? '')?.[1];
    if (rels?.toLowerCase().split(/\s+/).includes('next')) return part[1];
  }
  return undefined;
}
