import type { IncomingMessage, ServerResponse } from 'node:http';

const maxBodyBytes = 10 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > maxBodyBytes) throw new Error('Request body too large.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function send(
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res
    .writeHead(status, {
      'Content-Type':
        typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      ...headers,
    })
    .end(text);
}

/** An error body shaped like the extension's `CreateErrorResponse` (HttpError: Message, ExceptionMessage). */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  exceptionMessage?: string,
): void {
  send(res, status, {
    Message: message,
    ...(exceptionMessage ? { ExceptionMessage: exceptionMessage } : {}),
  });
}
