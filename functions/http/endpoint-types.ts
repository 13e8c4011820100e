import type { z } from 'zod';
import type { Role } from '../../shared/contracts/common';
import type { ErrorCode } from '../../shared/domain/errors';
import type { Principal } from '../../shared/app/auth/principal';
import type { Logger } from '../../shared/ports/logger';

export type HttpMethodName = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type SuccessStatus = 200 | 201 | 202 | 204;
export type ResponseSchemas = { [S in SuccessStatus]?: z.ZodType };
/** Tenant roles allowed; `'public'` = no token; `'platform'` = the platform operator (`platform_admin`) only. */
export type Access = readonly Role[] | 'public' | 'platform';

const REPLY: unique symbol = Symbol('reply');

/** A response with a status, headers, ETag or Location; a handler may also return just the 200 body. */
export interface Reply<S extends SuccessStatus = SuccessStatus, T = unknown> {
  readonly [REPLY]: true;
  readonly status: S;
  readonly body: T;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as `ETag` (quoted if it is not already). */
  readonly etag?: string;
  /** Sent as `Location` (for 201). */
  readonly location?: string;
}

export function reply<S extends SuccessStatus, T>(
  status: S,
  body: T,
  extra: { headers?: Record<string, string>; etag?: string; location?: string } = {},
): Reply<S, T> {
  return { [REPLY]: true, status, body, ...extra };
}

export const noContent = (): Reply<204, undefined> => reply(204, undefined);

export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[REPLY] === true;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives: the verified caller and the parsed, validated input. */
export interface EndpointContext<A extends Access, P, Q, B> {
  /** The caller, from the token; null on public endpoints. */
  readonly principal: A extends 'public' ? null : Principal;
  readonly params: Out<P>;
  readonly query: Out<Q>;
  readonly body: Out<B>;
  readonly requestId: string;
  readonly headers: Headers;
  /** The raw `If-Match` header, for optimistic concurrency (see `assertIfMatch`). */
  readonly ifMatch: string | undefined;
  /** Request-scoped logger carrying tenantId, userId, traceId and spanId. */
  readonly log: Logger;
  readonly now: Date;
}

export type HandlerResult<R extends ResponseSchemas> =
  | { [S in keyof R & SuccessStatus]: Reply<S, R[S] extends z.ZodType ? z.input<R[S]> : never> }[keyof R &
      SuccessStatus]
  | (R[200] extends z.ZodType ? z.input<R[200]> : never);

export interface EndpointOptions<
  D,
  A extends Access = readonly Role[],
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends ResponseSchemas = ResponseSchemas,
> {
  /** Function name (unique in the app), also the OpenAPI operationId. */
  name: string;
  method: HttpMethodName;
  /** Azure route template without the `api/` prefix, e.g. `v1/runs/{id}`. */
  route: string;
  /** Roles allowed (any one of them); omitted = a caller holding any known role; `'public'` = no token. */
  roles?: A;
  params?: P;
  query?: Q;
  body?: B;
  responses: R;
  /** One line (the OpenAPI summary; a connector shows it as the action's name). */
  summary: string;
  /** What it does and when to use it (OpenAPI description): required, so no operation goes undescribed. */
  description: string;
  /** Tags, each declared in the document's tag list (see `openapi-tags.ts`). */
  tags: string[];
  /**
   * Its success responses carry the resource version as `ETag` (`reply(…, { etag })`); a GET then
   * answers 304 to a matching `If-None-Match`. Declares the headers in OpenAPI.
   */
  etag?: boolean;
  /** Its 201 / 202 responses carry `Location` (`reply(…, { location })`); every 201 does. */
  location?: boolean;
  /** Its 202 responses carry `Retry-After` (seconds until the caller should poll `Location`). */
  retryAfter?: boolean;
  /** Set by `idempotent()`: the endpoint honours `Idempotency-Key`. */
  idempotencyKey?: boolean;
  /** Error codes this operation can answer beyond the pipeline's own (documented in OpenAPI). */
  errors?: ErrorCode[];
  /** Response media type; anything but JSON means the body is a string sent as is. */
  contentType?: string;
  examples?: { request?: unknown; responses?: Partial<Record<SuccessStatus, unknown>> };
  openapi?: { hidden?: boolean; security?: Record<string, string[]>[] };
  handler: (ctx: EndpointContext<A, P, Q, B>, deps: D) => Promise<HandlerResult<R>>;
}

/** The recorded form of an endpoint, as the pipeline and the OpenAPI builder read it. */
export type EndpointDefinition<D> = Omit<
  EndpointOptions<
    D,
    Access,
    z.ZodType | undefined,
    z.ZodType | undefined,
    z.ZodType | undefined,
    ResponseSchemas
  >,
  'handler'
> & {
  handler: (ctx: EndpointContext<Access, unknown, unknown, unknown>, deps: D) => Promise<unknown>;
};
