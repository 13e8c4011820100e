import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export type ErrorCode =
  'BAD_REQUEST' | 'NOT_FOUND' | 'METHOD_NOT_ALLOWED' | 'PAYLOAD_TOO_LARGE' | 'HEADERS_TOO_LARGE' | 'INTERNAL';

const saneRequestId = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Reuses an incoming `x-request-id` when it is a sane token, else makes a new UUID. */
export function resolveRequestId(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && saneRequestId.test(incoming) ? incoming : randomUUID();
}

/**
 * Answers with the project's error envelope: `{"error":{code,message,details,requestId,timestamp}}`
 * and header `X-Request-Id`. The message is always written by the host, never an exception's text.
 */
export function sendErrorEnvelope(
  res: ServerResponse,
  error: {
    status: number;
    code: ErrorCode;
    message: string;
    requestId: string;
    headers?: Record<string, string>;
  },
  now: () => Date = () => new Date(),
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = envelopeBytes(error, now);
  res.writeHead(error.status, {
    ...error.headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(body.length),
    'X-Request-Id': error.requestId,
  });
  res.end(body);
}

/** The envelope's bytes: `{"error":{code,message,details,requestId,timestamp}}`. */
export function envelopeBytes(
  error: { code: ErrorCode; message: string; requestId: string },
  now: () => Date = () => new Date(),
): Buffer {
  return Buffer.from(
    JSON.stringify({
      error: {
        code: error.code,
        message: error.message,
        details: {},
        requestId: error.requestId,
        timestamp: now().toISOString(),
      },
    }),
  );
}
