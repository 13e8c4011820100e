import { AppError } from '../../shared/domain/errors';
import { requestFingerprint } from '../../shared/app/idempotency/request-fingerprint';
import { runIdempotently, type IdempotencyDeps } from '../../shared/app/idempotency/run-idempotently';
import type { StoredResponse } from '../../shared/ports/idempotency-store';
import type { z } from 'zod';
import {
  isReply,
  reply,
  type Access,
  type EndpointOptions,
  type ResponseSchemas,
  type SuccessStatus,
} from './endpoint-types';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** How a response containing a secret is kept: sealed before it is stored, opened when it is replayed. */
export interface StoredBodyProtection<D> {
  seal(body: unknown, deps: D): unknown;
  open(stored: unknown, deps: D): unknown;
}

/** The `Idempotency-Key` header: absent → undefined; otherwise 1–255 printable ASCII characters (else 400). */
export function readIdempotencyKey(headers: Headers): string | undefined {
  const key = headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return undefined;
  if (/^[\x20-\x7e]{1,255}$/.test(key) && key.trim() !== '') return key;
  const message = 'must be 1 to 255 printable ASCII characters';
  throw new AppError('VALIDATION_ERROR', `Invalid header: "${IDEMPOTENCY_HEADER}" ${message}`, {
    location: 'headers',
    field: IDEMPOTENCY_HEADER,
    issues: [{ field: IDEMPOTENCY_HEADER, code: 'invalid_format', message }],
  });
}

/**
 * Makes a POST / PUT / DELETE endpoint honour `Idempotency-Key`: wrap its options,
 * `defineEndpoint(idempotent({ ... }))`. With a key, the request (method, route, parameters, body) is
 * fingerprinted and run at most once per tenant, user and key for 24 h; a repeat gets the stored status,
 * body, ETag, Location and headers plus `Idempotent-Replayed: true`; the same key with another request →
 * 422 IDEMPOTENCY_KEY_REUSED; a repeat while the first still runs waits briefly, then 409 CONFLICT.
 * Without the header the endpoint runs as usual. JSON responses only.
 */
export function idempotent<
  D extends { idempotency: IdempotencyDeps },
  A extends Access,
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
  R extends ResponseSchemas,
>(
  options: EndpointOptions<D, A, P, Q, B, R>,
  protection?: StoredBodyProtection<D>,
): EndpointOptions<D, A, P, Q, B, R> {
  const handler = options.handler;
  return {
    ...options,
    idempotencyKey: true,
    errors: [...new Set([...(options.errors ?? []), 'IDEMPOTENCY_KEY_REUSED' as const, 'CONFLICT' as const])],
    description: [
      options.description,
      `Send an \`${IDEMPOTENCY_HEADER}\` header (1–255 printable characters) to make retries safe: ` +
        `a repeat within 24 h answers the first response again with \`${REPLAYED_HEADER}: true\`.`,
    ]
      .filter(Boolean)
      .join('\n\n'),
    handler: async (ctx, deps) => {
      const key = readIdempotencyKey(ctx.headers);
      if (key === undefined || ctx.principal === null) return handler(ctx, deps);
      const principal = ctx.principal as { tenantId: string; userId: string };
      let live: unknown;
      const outcome = await runIdempotently(
        deps.idempotency,
        {
          tenantId: principal.tenantId,
          scope: principal.userId,
          key,
          fingerprint: requestFingerprint(options.method, options.route, ctx.params, ctx.body),
        },
        async () => {
          live = await handler(ctx, deps);
          return toStored(live, (body) => (protection ? protection.seal(body, deps) : body));
        },
      );
      if (!outcome.replayed) return live as Awaited<ReturnType<typeof handler>>;
      const { response } = outcome;
      const body =
        response.body === undefined ? undefined : (protection?.open(response.body, deps) ?? response.body);
      return reply(response.status as SuccessStatus, body, {
        headers: { ...response.headers, [REPLAYED_HEADER]: 'true' },
        ...(response.etag !== undefined ? { etag: response.etag } : {}),
        ...(response.location !== undefined ? { location: response.location } : {}),
      }) as Awaited<ReturnType<typeof handler>>;
    },
  };
}

/** The handler's result in storable form (a bare value is a 200 body). */
function toStored(result: unknown, seal: (body: unknown) => unknown): StoredResponse {
  const r = isReply(result) ? result : reply(200, result);
  return {
    status: r.status,
    body: r.body === undefined ? undefined : seal(JSON.parse(JSON.stringify(r.body)) as unknown),
    headers: { ...(r.headers ?? {}) },
    ...(r.etag !== undefined ? { etag: r.etag } : {}),
    ...(r.location !== undefined ? { location: r.location } : {}),
  };
}
