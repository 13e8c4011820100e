import { z } from 'zod';
import type { Principal } from '../../shared/app/auth/principal';
import { idParamsSchema, pageSchema, type Role } from '../../shared/contracts/common';
import { readStoragePosition, toStoragePage } from '../../shared/contracts/cursor';
import type { ErrorCode } from '../../shared/domain/errors';
import type { Deps } from '../composition-root';
import { defineEndpoint } from './define-endpoint';
import { noContent, reply, type EndpointDefinition } from './endpoint-types';
import type { Precondition } from '../../shared/app/audit/audited-documents';
import { ifMatchPrecondition } from './etag';
import { idempotent } from './idempotency';

type Operation = 'create' | 'list' | 'get' | 'update' | 'delete';

/** A stored document and its version (sent as `ETag`, expected back in `If-Match`). */
interface Versioned<T> {
  doc: T;
  etag: string;
}

/** Checks the caller's `If-Match` against the stored version; the use case calls it before writing. */

/**
 * A tenant resource with the usual five operations: create (201 + Location), list (cursor
 * pages, oldest first), get, replace (If-Match) and delete (If-Match), with Idempotency-Key on the three
 * writes. The use cases do the work — ownership, validation, audit; this only maps HTTP onto them.
 */
export interface CrudResource<Req extends z.ZodType, Res extends z.ZodType, Q extends z.ZodType> {
  /** Singular and plural operation-id stems: `createReport`, `listReports`, … */
  name: string;
  plural: string;
  /** The collection's route under `v1/`, e.g. `reports`. */
  path: string;
  /** How a missing or mismatched version names the resource: "Report". */
  label: string;
  tag: string;
  request: Req;
  resource: Res;
  listQuery: Q;
  /** The request body shown in OpenAPI. */
  example?: unknown;
  summaries: Record<Operation, string>;
  descriptions: Record<Operation, string>;
  /** Error codes beyond NOT_FOUND / PRECONDITION_FAILED (documented in OpenAPI). */
  errors?: Partial<Record<Operation, ErrorCode[]>>;
  readers: readonly Role[];
  writers: readonly Role[];
  create(deps: Deps, principal: Principal, body: z.output<Req>): Promise<Versioned<z.input<Res>>>;
  /** One page of the tenant's documents after `cursor` (the storage's own cursor; this wraps it). */
  list(
    deps: Deps,
    principal: Principal,
    query: z.output<Q> & { limit: number },
    cursor: string | null,
  ): Promise<{ items: z.input<Res>[]; nextCursor: string | null }>;
  read(deps: Deps, principal: Principal, id: string): Promise<Versioned<z.input<Res>>>;
  update(
    deps: Deps,
    principal: Principal,
    id: string,
    body: z.output<Req>,
    ifMatched: Precondition | undefined,
  ): Promise<Versioned<z.input<Res>>>;
  remove(deps: Deps, principal: Principal, id: string, ifMatched: Precondition | undefined): Promise<void>;
}

/** Registers the five endpoints of a resource; returns their definitions by operation. */
export function defineCrudEndpoints<Req extends z.ZodType, Res extends z.ZodType, Q extends z.ZodType>(
  r: CrudResource<Req, Res, Q>,
): Record<Operation, EndpointDefinition<Deps>> {
  const collection = `v1/${r.path}`;
  const item = `${collection}/{id}`;
  const ifMatched = (ifMatch: string | undefined, id: string) => ifMatchPrecondition(ifMatch, r.label, id);
  const about = (op: Operation) => ({
    summary: r.summaries[op],
    description: r.descriptions[op],
    tags: [r.tag],
  });
  const examples = r.example === undefined ? {} : { examples: { request: r.example } };
  // Erased to plain schemas: the endpoint options' types cannot see through this function's generics.
  const resource: z.ZodType = r.resource;
  const request: z.ZodType = r.request;

  return {
    create: defineEndpoint(
      idempotent({
        name: `create${r.name}`,
        method: 'POST',
        route: collection,
        ...about('create'),
        roles: r.writers,
        body: request,
        errors: r.errors?.create ?? [],
        responses: { 201: resource },
        etag: true,
        ...examples,
        handler: async ({ principal, body }, deps) => {
          const { doc, etag } = await r.create(deps, principal, body as z.output<Req>);
          const id = (doc as { id: string }).id;
          return reply(201, doc, { etag, location: `/api/${collection}/${id}` });
        },
      }),
    ),
    list: defineEndpoint({
      name: `list${r.plural}`,
      method: 'GET',
      route: collection,
      ...about('list'),
      roles: r.readers,
      query: r.listQuery,
      responses: { 200: pageSchema(resource) },
      handler: async ({ principal, query }, deps) => {
        const q = query as z.output<Q> & { limit: number; cursor?: string };
        const cursor = readStoragePosition(q.cursor);
        const page = await r.list(deps, principal, q, cursor);
        return toStoragePage(page);
      },
    }),
    get: defineEndpoint({
      name: `get${r.name}`,
      method: 'GET',
      route: item,
      ...about('get'),
      roles: r.readers,
      params: idParamsSchema,
      errors: ['NOT_FOUND', ...(r.errors?.get ?? [])],
      responses: { 200: resource },
      etag: true,
      handler: async ({ principal, params }, deps) => {
        const { doc, etag } = await r.read(deps, principal, params.id);
        return reply(200, doc, { etag });
      },
    }),
    update: defineEndpoint(
      idempotent({
        name: `update${r.name}`,
        method: 'PUT',
        route: item,
        ...about('update'),
        roles: r.writers,
        params: idParamsSchema,
        body: request,
        errors: ['NOT_FOUND', 'PRECONDITION_FAILED', ...(r.errors?.update ?? [])],
        responses: { 200: resource },
        etag: true,
        ...examples,
        handler: async ({ principal, params, body, ifMatch }, deps) => {
          const { doc, etag } = await r.update(
            deps,
            principal,
            params.id,
            body as z.output<Req>,
            ifMatched(ifMatch, params.id),
          );
          return reply(200, doc, { etag });
        },
      }),
    ),
    delete: defineEndpoint(
      idempotent({
        name: `delete${r.name}`,
        method: 'DELETE',
        route: item,
        ...about('delete'),
        roles: r.writers,
        params: idParamsSchema,
        errors: ['NOT_FOUND', 'PRECONDITION_FAILED', ...(r.errors?.delete ?? [])],
        responses: { 204: z.undefined() },
        handler: async ({ principal, params, ifMatch }, deps) => {
          await r.remove(deps, principal, params.id, ifMatched(ifMatch, params.id));
          return noContent();
        },
      }),
    ),
  };
}
