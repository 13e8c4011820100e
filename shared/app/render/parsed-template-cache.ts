import type { Template } from 'liquidjs';

/**
 * Parsed templates by source text, so a report rendered every minute (and its header and footer, three
 * parses per render) is parsed once. A parse that fails is not kept: the next render reports it again.
 * Bounded by entries and by characters of source held; the oldest goes first.
 */
export function createParsedTemplateCache(
  parse: (source: string) => Template[],
  limits: { entries: number; chars: number } = { entries: 100, chars: 2_000_000 },
): (source: string) => Template[] {
  const cache = new Map<string, Template[]>();
  let chars = 0;
  return (source) => {
    const hit = cache.get(source);
    if (hit) return hit;
    const templates = parse(source);
    if (source.length > limits.chars) return templates;
    cache.set(source, templates);
    chars += source.length;
    for (const [oldest] of cache) {
      if (cache.size <= limits.entries && chars <= limits.chars) break;
      cache.delete(oldest);
      chars -= oldest.length;
    }
    return templates;
  };
}
