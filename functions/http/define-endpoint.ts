import {
  app,
  type HttpMethod,
  type HttpRequest,
  type HttpResponseInit,
  type InvocationContext,
} from '@azure/functions';
import type { z } from 'zod';
import { getDeps, type Deps } from '../composition-root';
import { AppError } from '../../shared/domain/errors';
import { toErrorEnvelope } from '../../shared/contracts/error-envelope';
import type {
  Access,
  EndpointDefinition,
  EndpointOptions,
  HttpMethodName,
  ResponseSchemas,
} from './endpoint-types';
import { createEndpointCatalog } from './endpoint-catalog';
import { pickRequestId } from './request-id';
import { runEndpoint } from './run-endpoint';
import { inSpanFrom, SpanKind } from '../../shared/adapters/observability/trace-propagation';

/** Every endpoint this app defines (read by GET /api/v1/openapi.json). */
export const apiEndpoints = createEndpointCatalog<Deps>();

/**
 * An endpoint factory for dependencies of type `D`: turns options into a definition the pipeline runs,
 * without registering anything (tests run such definitions with `runEndpoint`).
 */
export function endpointsFor<D>() {
  return function endpoint<
    A extends Access = readonly never[],
    P extends z.ZodType | undefined = undefined,
    Q extends z.ZodType | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
    R extends ResponseSchemas = ResponseSchemas,
  >(options: EndpointOptions<D, A, P, Q, B, R>): EndpointDefinition<D> {
    return options;
  };
}

const endpoint = endpointsFor<Deps>();

/** The methods a route answers: a GET also answers HEAD (the same status and headers, no body). */
export function routeMethods(method: HttpMethodName): HttpMethod[] {
  return method === 'GET' ? ['GET', 'HEAD'] : [method];
}

/**
 * Registers an HTTP function (anonymous at the Functions level: the pipeline authenticates) running
 * the endpoint pipeline with the composition root's dependencies, and records it for OpenAPI.
 */
export function defineEndpoint<
  A extends Access = readonly never[],
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends ResponseSchemas = ResponseSchemas,
>(options: EndpointOptions<Deps, A, P, Q, B, R>): EndpointDefinition<Deps> {
  const definition = endpoint(options);
  apiEndpoints.add(definition);
  app.http(definition.name, {
    methods: routeMethods(definition.method),
    route: definition.route,
    authLevel: 'anonymous',
    handler: withDeps((deps, request, context) =>
      // The request's span (child of the caller's traceparent): what it publishes carries it on.
      inSpanFrom(
        `${definition.method} /api/${definition.route}`,
        context.traceContext?.traceParent ?? request.headers.get('traceparent') ?? undefined,
        SpanKind.SERVER,
        () => runEndpoint(definition, deps, request, context),
      ),
    ),
  });
  return definition;
}

/**
 * Resolves the composition root for one invocation. If it cannot be built (bad settings), the caller
 * still gets the envelope — a generic 500 — and the reason goes to the Functions log.
 */
export function withDeps(
  run: (deps: Deps, request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>,
) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    let deps: Deps;
    try {
      deps = getDeps();
    } catch (err) {
      context.error(
        'The app cannot start its dependencies:',
        err instanceof Error ? err.message : String(err),
      );
      const requestId = pickRequestId(request.headers.get('x-request-id'));
      const error = new AppError('INTERNAL', 'An unexpected error occurred');
      return {
        status: 500,
        headers: { 'X-Request-Id': requestId, 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify(toErrorEnvelope(error, requestId, new Date())),
      };
    }
    return run(deps, request, context);
  };
}
