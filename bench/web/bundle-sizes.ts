import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface RouteBundle {
  /** The lazily loaded page chunk (its name without the hash). */
  page: string;
  /** gzip bytes of JS the route adds to what the entry already loaded (its static import closure). */
  addedGzip: number;
}

export interface BundleReport {
  entryGzip: number;
  entryCssGzip: number;
  routes: RouteBundle[];
}

/** `import"./x.js"` and `from"./x.js"`: a chunk's static imports (dynamic `import("./x.js")` are routes). */
const staticImports = (code: string) =>
  [...code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g)].map((m) => m[1]!);

/**
 * Reads the built web app (`dist/web`): the gzip size of the JS the first screen loads (the entry and its
 * static imports) and, per page chunk, the JS its route adds on top — what `import()` of that page fetches.
 */
export function readBundleReport(webRoot: string): BundleReport {
  const assets = path.join(webRoot, 'assets');
  const code = (file: string) => readFileSync(path.join(assets, file), 'utf8');
  const gzip = (file: string) => gzipSync(readFileSync(path.join(assets, file))).length;
  const closure = (file: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const dep of staticImports(code(file))) closure(dep, seen);
    return seen;
  };
  const html = readFileSync(path.join(webRoot, 'index.html'), 'utf8');
  const entry = /<script[^>]+src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error(`No entry script in ${webRoot}/index.html: run npm run build:web`);
  const loaded = closure(entry);
  const sum = (files: Iterable<string>) => [...files].reduce((total, f) => total + gzip(f), 0);
  const css = [...html.matchAll(/<link rel="stylesheet"[^>]+href="\/assets\/([^"]+\.css)"/g)].map(
    (m) => m[1]!,
  );
  const routes = readdirSync(assets)
    .filter((f) => /Page-[\w-]+\.js$/.test(f))
    .map((f) => ({
      page: f.replace(/-[\w-]+\.js$/, ''),
      addedGzip: sum([...closure(f)].filter((dep) => !loaded.has(dep))),
    }))
    .sort((a, b) => b.addedGzip - a.addedGzip);
  return { entryGzip: sum(loaded), entryCssGzip: css.reduce((t, f) => t + gzip(f), 0), routes };
}
