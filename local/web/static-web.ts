import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeOf } from './content-types';
import { sendMissingBuildPage } from './missing-build-page';
import { resolveWebFile } from './resolve-web-file';

export interface StaticWebOptions {
  /** The built web app (`dist/web`); it may not exist yet. */
  root: string;
  /** Security headers sent with every answer. */
  headers: Record<string, string>;
  /** Path prefixes that are never the web app's (the API, the issuer, the host's own endpoints). */
  reservedPrefixes: readonly string[];
}

/** Vite's content-hashed output: safe to cache forever. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built web app at "/": files as they are, any other GET without a file extension as
 * `index.html` (the SPA's client routes), never anything under a reserved prefix. Declines (returns
 * false) what is not the app's, so the host answers its 404 envelope.
 */
export function createStaticWebHandler(options: StaticWebOptions) {
  const root = path.resolve(options.root);
  const index = path.join(root, 'index.html');
  const reserved = (pathname: string) =>
    options.reservedPrefixes.some((p) => pathname === p.replace(/\/$/, '') || pathname.startsWith(p));

  return async (req: IncomingMessage, res: ServerResponse, ctx: { url: URL }): Promise<boolean> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const pathname = ctx.url.pathname;
    if (reserved(pathname.toLowerCase())) return false;
    const target = resolveWebFile(root, pathname);
    if (target.kind === 'refused') return false;
    if (target.kind === 'file') {
      // A missing file is the host's 404, never index.html (a stale chunk must fail, not parse HTML).
      return sendFile(req, res, target.file, {
        ...options.headers,
        'cache-control': pathname.startsWith('/assets/') ? IMMUTABLE : 'no-cache',
      });
    }
    if (await sendFile(req, res, index, { ...options.headers, 'cache-control': 'no-cache' })) return true;
    sendMissingBuildPage(res, options.headers);
    return true;
  };
}

/** Streams a regular file with its type, length and a weak ETag (304 when the browser has it); false if absent. */
async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  headers: Record<string, string>,
): Promise<boolean> {
  const stat = await fs.promises.stat(file).catch(() => undefined);
  if (!stat?.isFile()) return false;
  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const common = { ...headers, etag, 'last-modified': stat.mtime.toUTCString() };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, common).end();
    return true;
  }
  res.writeHead(200, {
    ...common,
    'content-type': contentTypeOf(path.extname(file)),
    'content-length': String(stat.size),
  });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  await new Promise<void>((resolve) => {
    const stream = fs.createReadStream(file);
    stream.once('error', () => (res.destroy(), resolve()));
    res.once('close', () => (stream.destroy(), resolve()));
    stream.pipe(res);
  });
  return true;
}
