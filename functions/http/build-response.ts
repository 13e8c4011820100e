import type { HttpResponseInit } from '@azure/functions';
import { Readable } from 'node:stream';
import { AppError } from '../../shared/domain/errors';
import { toErrorEnvelope } from '../../shared/contracts/error-envelope';
import { isReply, type SuccessStatus } from './endpoint-types';
import { etagMatches, formatEtag } from './etag';

const JSON_TYPE = 'application/json; charset=utf-8';

/** The error envelope response; `headers` already holds X-Request-Id and any rate-limit headers. */
export function errorResponse(
  error: AppError,
  requestId: string,
  now: Date,
  headers: Record<string, string>,
): HttpResponseInit {
  return {
    status: error.status,
    headers: { ...headers, 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store' },
    body: JSON.stringify(toErrorEnvelope(error, requestId, now)),
  };
}

interface SuccessInput {
  result: unknown;
  responses: Partial<
    Record<SuccessStatus, { safeParse(v: unknown): { success: boolean; data?: unknown; error?: unknown } }>
  >;
  contentType: string | undefined;
  headers: Record<string, string>;
  method: string;
  ifNoneMatch: string | null;
}

/**
 * The handler's result as a response: a bare value is the 200 body, a `reply()` carries status,
 * headers, ETag and Location. The body is checked against the declared schema for its status (a
 * mismatch is a bug: 500, never a leak of undeclared fields). GET with a matching If-None-Match → 304.
 */
export function successResponse(input: SuccessInput): HttpResponseInit {
  const { result, headers } = input;
  const status = isReply(result) ? result.status : 200;
  const rawBody = isReply(result) ? result.body : result;
  const out: Record<string, string> = { ...headers, ...(isReply(result) ? result.headers : {}) };
  if (isReply(result) && result.etag !== undefined) out.ETag = formatEtag(result.etag);
  if (isReply(result) && result.location !== undefined) out.Location = result.location;

  const schema = input.responses[status];
  if (!schema)
    throw new AppError('INTERNAL', 'An unexpected error occurred', { reason: `undeclared status ${status}` });
  const checked = schema.safeParse(rawBody);
  if (!checked.success) {
    throw new Error(`Response body does not match the declared ${status} schema`, { cause: checked.error });
  }
  if (input.method === 'GET' && out.ETag && etagMatches(input.ifNoneMatch, out.ETag)) {
    if (isStream(checked.data)) checked.data.destroy();
    return { status: 304, headers: out };
  }
  if (status === 204) return { status, headers: out };
  const contentType = out['Content-Type'] ?? input.contentType ?? JSON_TYPE;
  const isJson = /json/i.test(contentType) && !isStream(checked.data);
  return {
    status,
    headers: { ...out, 'Content-Type': contentType },
    body: isJson
      ? JSON.stringify(checked.data)
      : isStream(checked.data)
        ? checked.data
        : String(checked.data),
  };
}

/** The answer to a HEAD: the GET's status and headers without the body (a streamed body closed unread). */
export function withoutBody(response: HttpResponseInit): HttpResponseInit {
  const { body, ...rest } = response;
  if (isStream(body)) body.destroy();
  return rest;
}

/** File downloads stream their body (a Node Readable is an AsyncIterable<Uint8Array>). */
function isStream(value: unknown): value is Readable {
  return value instanceof Readable;
}
