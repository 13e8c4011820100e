import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  readonly code = 'PAYLOAD_TOO_LARGE';
  constructor(readonly limit: number) {
    super(`The request body exceeds ${limit} bytes.`);
  }
}

/** True when the declared Content-Length is already over the limit (checked before reading anything). */
export function declaresTooLarge(req: IncomingMessage, maxBytes: number): boolean {
  const length = Number(req.headers['content-length']);
  return Number.isFinite(length) && length > maxBytes;
}

/**
 * Reads the whole body, failing with BodyTooLargeError as soon as it passes `maxBytes`. The rest of an
 * oversized body is drained (not the socket destroyed), so the client still gets the 413.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd);
      req.resume();
      reject(new BodyTooLargeError(maxBytes));
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    req.on('data', onData).once('end', onEnd).once('error', reject);
  });
}
