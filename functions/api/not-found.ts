import { app, type HttpMethod } from '@azure/functions';
import { performance } from 'node:perf_hooks';
import { AppError } from '../../shared/domain/errors';
import { withDeps } from '../http/define-endpoint';
import { failureResponse } from '../http/run-endpoint';
import { pickRequestId } from '../http/request-id';
import { traceIdsFrom } from '../http/trace-context';
import { withLogContext } from '../../shared/adapters/observability/create-logger';

const ALL_METHODS: HttpMethod[] = [
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'TRACE',
  'CONNECT',
];

/** Any /api path no other function claims: the 404 envelope (literal routes win, as in Azure). */
app.http('notFound', {
  methods: ALL_METHODS,
  route: '{*path}',
  authLevel: 'anonymous',
  handler: withDeps((deps, request, context) => {
    const started = performance.now();
    const requestId = pickRequestId(request.headers.get('x-request-id'));
    const log = withLogContext(deps.logger, traceIdsFrom(context.traceContext?.traceParent));
    const path = new URL(request.url).pathname;
    const error = new AppError('NOT_FOUND', `No operation at ${request.method} ${path}`, {
      method: request.method,
      path,
    });
    const response = failureResponse(error, {
      requestId,
      headers: { 'X-Request-Id': requestId },
      log,
      deps,
      endpoint: 'notFound',
    });
    deps.metrics.apiRequestDuration.observe(
      { endpoint: 'notFound', method: request.method, status: '404' },
      (performance.now() - started) / 1000,
    );
    return Promise.resolve(response);
  }),
});
