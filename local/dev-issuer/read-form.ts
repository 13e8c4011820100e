import type { IncomingMessage } from 'node:http';
import { readNodeBody } from './read-node-body';

/** An `application/x-www-form-urlencoded` body; undefined when the request has another content type. */
export async function readForm(
  req: IncomingMessage,
  maxBytes = 16 * 1024,
): Promise<URLSearchParams | undefined> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) return undefined;
  return new URLSearchParams((await readNodeBody(req, maxBytes)).toString('utf8'));
}
