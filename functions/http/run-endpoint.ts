import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { performance } from 'node:perf_hooks';
import { AppError, toAppError } from '../../shared/domain/errors';
import type { Principal } from '../../shared/app/auth/principal';
import { requireAnyRole, requirePlatformAdmin } from '../../shared/app/auth/require-role';
import { assertTenantActive } from './assert-tenant-active';
import { roleSchema } from '../../shared/contracts/common';
import { withLogContext } from '../../shared/adapters/observability/create-logger';
import type { Logger } from '../../shared/ports/logger';
import type { EndpointDefinition } from './endpoint-types';
import type { HttpDeps } from '../../shared/composition/http-deps';
import { pickRequestId } from './request-id';
import { traceIdsFrom } from './trace-context';
import { authenticate } from './authenticate';
import { applyRateLimit } from './apply-rate-limit';
import { readBodyWithLimit } from './read-body';
import { parseJsonBody, queryToObject, validateInput } from './parse-input';
import { errorResponse, successResponse, withoutBody } from './build-response';

/**
 * One request through the pipeline: request id → bearer auth → tenant rate limit → role check →
 * body size → content type → JSON → strict validation → handler → response. Every outcome carries
 * X-Request-Id; every failure is the error envelope; anything unexpected is a 500 INTERNAL. A HEAD
 * (routed to GET endpoints) runs exactly as the GET and drops the body.
 */
export async function runEndpoint<D extends HttpDeps>(
  endpoint: EndpointDefinition<D>,
  deps: D,
  request: HttpRequest,
  invocation?: InvocationContext,
): Promise<HttpResponseInit> {
  const started = performance.now();
  const requestId = pickRequestId(request.headers.get('x-request-id'));
  const headers: Record<string, string> = { 'X-Request-Id': requestId };
  const trace = traceIdsFrom(invocation?.traceContext?.traceParent, request.headers.get('traceparent'));
  let principal: Principal | null = null;
  let log: Logger = withLogContext(deps.logger, trace);
  let response: HttpResponseInit;
  try {
    if (endpoint.roles !== 'public') {
      principal = await authenticate(deps.tokenVerifier, request.headers.get('authorization'));
      log = withLogContext(deps.logger, { ...trace, tenantId: principal.tenantId, userId: principal.userId });
      // The operator's endpoints serve every tenant, suspended ones included; a tenant's own are refused
      // while its tenant is suspended.
      if (endpoint.roles !== 'platform') await assertTenantActive(deps, principal);
      await applyRateLimit(deps, principal, headers);
      // No declared roles means any role of the tenant, never none: a token without a known role (a
      // signed-in user nobody assigned a role to) is refused everywhere.
      if (endpoint.roles === 'platform') requirePlatformAdmin(principal);
      else requireAnyRole(principal, endpoint.roles ?? roleSchema.options);
    }
    const bytes = await readBodyWithLimit(request, deps.config.MAX_REQUEST_BYTES);
    const json = endpoint.body ? parseJsonBody(bytes, request.headers.get('content-type')) : undefined;
    const params = validateInput(endpoint.params, { ...request.params }, 'params');
    const query = validateInput(endpoint.query, queryToObject(request.query), 'query');
    const body = validateInput(endpoint.body, json, 'body');
    const now = deps.clock();
    const ifMatch = request.headers.get('if-match') ?? undefined;
    const context = {
      principal,
      params,
      query,
      body,
      requestId,
      headers: request.headers,
      ifMatch,
      log,
      now,
    };
    const result = await endpoint.handler(context as Parameters<typeof endpoint.handler>[0], deps);
    response = successResponse({
      result,
      responses: endpoint.responses,
      contentType: endpoint.contentType,
      headers,
      method: endpoint.method,
      ifNoneMatch: request.headers.get('if-none-match'),
    });
  } catch (err) {
    response = failureResponse(err, { requestId, headers, log, deps, endpoint: endpoint.name });
  }
  if (request.method === 'HEAD') response = withoutBody(response);
  const status = response.status ?? 200;
  deps.metrics.apiRequestDuration.observe(
    { endpoint: endpoint.route, method: endpoint.method, status: String(status) },
    (performance.now() - started) / 1000,
  );
  log.info(
    {
      requestId,
      method: endpoint.method,
      route: endpoint.route,
      status,
      durationMs: Math.round(performance.now() - started),
    },
    'request completed',
  );
  return response;
}

interface FailureContext {
  requestId: string;
  headers: Record<string, string>;
  log: Logger;
  deps: Pick<HttpDeps, 'clock'>;
  endpoint: string;
}

/** Logs the failure (5xx with its cause, 4xx by code only) and builds the envelope. */
export function failureResponse(err: unknown, ctx: FailureContext): HttpResponseInit {
  const error = toAppError(err);
  if (error.status >= 500) {
    const cause = err instanceof AppError ? (err.cause ?? err) : err;
    ctx.log.error(
      { err: cause, code: error.code, requestId: ctx.requestId, endpoint: ctx.endpoint },
      'request failed',
    );
  } else {
    ctx.log.info(
      { code: error.code, requestId: ctx.requestId, endpoint: ctx.endpoint, details: error.details },
      'request refused',
    );
  }
  // A limit counted inside a handler (previews' own) states its wait in the details: say it as the header too.
  const wait = error.details.retryAfterSeconds;
  const headers =
    error.code === 'RATE_LIMITED' && typeof wait === 'number'
      ? { 'Retry-After': String(wait), ...ctx.headers }
      : ctx.headers;
  return errorResponse(error, ctx.requestId, ctx.deps.clock(), headers);
}
