import path from 'node:path';

export type WebTarget =
  /** A file below the web root (it may not exist). */
  | { kind: 'file'; file: string }
  /** A client route (no extension in its last segment): the SPA's index.html answers it. */
  | { kind: 'route' }
  /** Not something the web app serves (bad encoding, traversal, dotfiles): a 404. */
  | { kind: 'refused' };

/**
 * Maps a URL path to a file under `root` without ever leaving it: the path is percent-decoded once,
 * then refused when it holds a NUL, a backslash, a `..` or a dot segment (`.env`, `.git`); what is left is
 * joined below the root and checked to still be below it.
 */
export function resolveWebFile(root: string, pathname: string): WebTarget {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'refused' };
  }
  if (/[\0\\]/.test(decoded)) return { kind: 'refused' };
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) return { kind: 'refused' };
  const last = segments.at(-1);
  if (last === undefined) return { kind: 'route' };
  const file = path.resolve(root, ...segments);
  if (!file.startsWith(root + path.sep)) return { kind: 'refused' };
  return path.extname(last) === '' ? { kind: 'route' } : { kind: 'file', file };
}
