import type { EndpointDefinition } from './endpoint-types';
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from './idempotency';

type Json = Record<string, unknown>;

/**
 * The request and response headers of the pipeline as reusable OpenAPI components, and which of them
 * an operation uses. Each follows from what the code does: `runEndpoint` sends `X-Request-Id` on
 * every answer; `applyRateLimit` the `X-RateLimit-*` trio on every authenticated one (and
 * `Retry-After` with its 429); `idempotent()` reads `Idempotency-Key`; `assertIfMatch` is the only
 * source of 412, so an operation that can answer 412 reads `If-Match`; `successResponse` sends the
 * `ETag` / `Location` of a reply and answers a GET's matching `If-None-Match` with 304.
 */
const integer = { type: 'integer', minimum: 0 };

export const headerComponents: Record<string, Json> = {
  'X-Request-Id': {
    description:
      'The request id: the caller’s own `X-Request-Id` when it is a safe token, else a new one. ' +
      'Quoted in every error envelope (`error.requestId`) and in our logs.',
    required: true,
    schema: { type: 'string' },
  },
  'X-RateLimit-Limit': {
    description: 'Requests the tenant may make per window (authenticated requests).',
    schema: integer,
  },
  'X-RateLimit-Remaining': {
    description: 'Requests left in the current window (authenticated requests).',
    schema: integer,
  },
  'X-RateLimit-Reset': {
    description: 'When the window resets, in Unix seconds (authenticated requests).',
    schema: integer,
  },
  'Retry-After': {
    description: 'Seconds to wait before retrying.',
    required: true,
    schema: integer,
  },
  ETag: {
    description:
      'The version of the resource: send it back in `If-Match` (updates) or `If-None-Match` (reads).',
    required: true,
    schema: { type: 'string' },
  },
  Location: {
    description: 'The URL of the created or queued resource.',
    required: true,
    schema: { type: 'string' },
  },
  [REPLAYED_HEADER]: {
    description: `\`true\` when this is the stored answer to an earlier request with the same \`${IDEMPOTENCY_HEADER}\`.`,
    schema: { type: 'string', enum: ['true'] },
  },
};

export const headerParameterComponents: Record<string, Json> = {
  IdempotencyKey: {
    name: IDEMPOTENCY_HEADER,
    in: 'header',
    required: false,
    description:
      'Makes a retry safe: the same key (per user, 24 h) answers the first response again; the same key ' +
      'with another request is 422 IDEMPOTENCY_KEY_REUSED.',
    schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7e]+$' },
  },
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: false,
    description:
      'The `ETag` you read: the change happens only if the resource is still at that version (else 412).',
    schema: { type: 'string' },
  },
  IfNoneMatch: {
    name: 'If-None-Match',
    in: 'header',
    required: false,
    description: 'The `ETag` you hold: 304 Not Modified (no body) when it is still current.',
    schema: { type: 'string' },
  },
};

const header = (name: string) => ({ $ref: `#/components/headers/${name}` });
const parameter = (name: string) => ({ $ref: `#/components/parameters/${name}` });

const RATE_LIMIT = ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];

/** Whether the operation reads `If-Match` (the pipeline's 412 comes only from `assertIfMatch`). */
export const readsIfMatch = <D>(endpoint: EndpointDefinition<D>) =>
  (endpoint.errors ?? []).includes('PRECONDITION_FAILED');

/** The header parameters an operation accepts. */
export function requestHeaderParameters<D>(endpoint: EndpointDefinition<D>): Json[] {
  return [
    ...(endpoint.idempotencyKey ? [parameter('IdempotencyKey')] : []),
    ...(readsIfMatch(endpoint) ? [parameter('IfMatch')] : []),
    ...(endpoint.method === 'GET' && endpoint.etag ? [parameter('IfNoneMatch')] : []),
  ];
}

/** The headers of one success response of an operation. */
export function successHeaders<D>(endpoint: EndpointDefinition<D>, status: number): Json {
  const names = ['X-Request-Id'];
  if (endpoint.roles !== 'public') names.push(...RATE_LIMIT);
  if (endpoint.etag && status !== 204) names.push('ETag');
  if (status === 201 || (status === 202 && endpoint.location)) names.push('Location');
  if (status === 202 && endpoint.retryAfter) names.push('Retry-After');
  if (endpoint.idempotencyKey) names.push(REPLAYED_HEADER);
  return Object.fromEntries(names.map((name) => [name, header(name)]));
}

/** The 304 a GET with an ETag answers to a matching `If-None-Match`. */
export function notModifiedResponse<D>(endpoint: EndpointDefinition<D>): Json {
  const headers = successHeaders(endpoint, 304);
  return { description: 'Not Modified: the `If-None-Match` version is current', headers };
}

/** The headers of an error response component (shared by operations, so rate-limit headers are optional). */
export function errorHeaders(status: number): Json {
  const names = [
    'X-Request-Id',
    ...(status === 401 ? [] : RATE_LIMIT),
    ...(status === 429 ? ['Retry-After'] : []),
  ];
  return Object.fromEntries(names.map((name) => [name, header(name)]));
}
