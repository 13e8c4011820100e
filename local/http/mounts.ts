import type { IncomingMessage, ServerResponse } from 'node:http';

export interface MountContext {
  requestId: string;
  /** The absolute request URL. */
  url: URL;
}

/**
 * Serves a request under a mounted prefix. Return `false` to decline (the request then goes on to the
 * function routes, or the 404); anything else means the handler answered.
 */
export type MountHandler = (req: IncomingMessage, res: ServerResponse, ctx: MountContext) => unknown;

export interface MountOptions {
  /**
   * "before" (default): checked before the function routes (host APIs such as
   * `/runtime/webhooks/durabletask/`, `/.well-known/`). "fallback": checked only when no function
   * route matches the path, instead of the 404 (e.g. static web files at "/").
   */
  stage?: 'before' | 'fallback';
}

interface Mount {
  prefix: string;
  handler: MountHandler;
  stage: 'before' | 'fallback';
}

function normalizePrefix(prefix: string): string {
  if (!prefix.startsWith('/')) throw new Error(`A mount prefix must start with "/": "${prefix}".`);
  return prefix.toLowerCase();
}

/** True when `pathname` is the prefix itself (with or without its trailing "/") or lies below it. */
function under(pathname: string, prefix: string): boolean {
  const path = pathname.toLowerCase();
  if (prefix === '/') return true;
  const bare = prefix.replace(/\/$/, '');
  return path === bare || path.startsWith(`${bare}/`);
}

/** Host-level handlers mounted on path prefixes; the longest matching prefix is asked first. */
export function createMounts() {
  const mounts: Mount[] = [];
  return {
    add(prefix: string, handler: MountHandler, options: MountOptions = {}): () => void {
      const mount: Mount = { prefix: normalizePrefix(prefix), handler, stage: options.stage ?? 'before' };
      mounts.push(mount);
      mounts.sort((a, b) => b.prefix.length - a.prefix.length);
      return () => {
        const index = mounts.indexOf(mount);
        if (index >= 0) mounts.splice(index, 1);
      };
    },
    /** Offers the request to the mounts of one stage; true when one of them answered. */
    async dispatch(
      stage: Mount['stage'],
      pathname: string,
      req: IncomingMessage,
      res: ServerResponse,
      ctx: MountContext,
    ): Promise<boolean> {
      for (const mount of mounts.filter((m) => m.stage === stage && under(pathname, m.prefix))) {
        if ((await mount.handler(req, res, ctx)) !== false) return true;
      }
      return false;
    },
  };
}
