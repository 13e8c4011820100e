import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { envelopeBytes, resolveRequestId, type ErrorCode } from './error-envelope';

/**
 * Methods the Functions programming model cannot carry (fetch's forbidden methods: its `Request` throws
 * on them, which was a 500). The host answers them 405 itself. CONNECT never reaches the request handler.
 */
export const unservableMethods: ReadonlySet<string> = new Set(['TRACE', 'TRACK', 'CONNECT']);

const answers: Record<string, { status: number; code: ErrorCode; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'HEADERS_TOO_LARGE',
    message: 'The request line and headers are too large.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'BAD_REQUEST',
    message: 'The request took too long to arrive.',
  },
};
const malformed = { status: 400, code: 'BAD_REQUEST' as const, message: 'The request is not valid HTTP.' };

/**
 * A request Node's parser refused before any handler ran (a header or URL above `maxHeaderSize`, bad
 * syntax): Node's default answer is a bare status line with no body. The client gets the envelope and an
 * `X-Request-Id` instead, and the connection is closed (the parser cannot find the next request).
 */
export function answerClientError(
  err: Error & { code?: string },
  socket: Duplex,
  now: () => Date = () => new Date(),
): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const answer = answers[err.code ?? ''] ?? malformed;
  const requestId = resolveRequestId(undefined);
  const body = envelopeBytes({ ...answer, requestId }, now);
  const head = [
    `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${body.length}`,
    `X-Request-Id: ${requestId}`,
    'Connection: close',
    '',
    '',
  ].join('\r\n');
  socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body]));
}
