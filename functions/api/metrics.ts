import { z } from 'zod';
import { AppError } from '../../shared/domain/errors';
import { matchesStaticBearer } from '../../shared/app/auth/static-bearer';
import { defineEndpoint } from '../http/define-endpoint';

/**
 * Prometheus metrics. Guarded by `Authorization: Bearer <METRICS_TOKEN>` when that setting is set;
 * open without it only in LOCAL_MODE; otherwise always 401.
 */
export const metrics = defineEndpoint({
  name: 'metrics',
  method: 'GET',
  route: 'metrics',
  roles: 'public',
  summary: 'Prometheus metrics (text exposition format)',
  description:
    'Prometheus text exposition of the service metrics. Open in local mode; elsewhere send the `METRICS_TOKEN` setting as a bearer token.',
  tags: ['operations'],
  contentType: 'text/plain; version=0.0.4; charset=utf-8',
  errors: ['UNAUTHENTICATED'],
  openapi: { security: [{ metricsToken: [] }] },
  responses: { 200: z.string() },
  handler: async ({ headers }, deps) => {
    const token = deps.config.METRICS_TOKEN;
    const open = token === undefined && deps.config.LOCAL_MODE;
    if (!open && (token === undefined || !matchesStaticBearer(headers.get('authorization'), token))) {
      throw new AppError('UNAUTHENTICATED', 'The metrics token is missing or wrong', {
        reason: 'metrics_token',
      });
    }
    return deps.metrics.registry.metrics();
  },
});
