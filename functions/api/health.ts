import { AppError } from '../../shared/domain/errors';
import { healthSchema, readinessSchema } from '../../shared/contracts/health';
import { defineEndpoint } from '../http/define-endpoint';
import { runReadinessProbes } from '../http/run-readiness-probes';

const PROBE_TIMEOUT_MS = 3000;

export const health = defineEndpoint({
  name: 'health',
  method: 'GET',
  route: 'health',
  roles: 'public',
  summary: 'Liveness: the API answers',
  description:
    'Answers 200 while the process serves requests; checks nothing else (see `/api/health/ready`).',
  tags: ['health'],
  responses: { 200: healthSchema },
  examples: { responses: { 200: { status: 'ok' } } },
  handler: () => Promise.resolve({ status: 'ok' as const }),
});

export const healthReady = defineEndpoint({
  name: 'healthReady',
  method: 'GET',
  route: 'health/ready',
  roles: 'public',
  summary: 'Readiness: storage (tables, blobs, queues) reachable',
  description:
    'When a dependency is down: 503 SERVICE_UNAVAILABLE whose details.probes has each probe result.',
  tags: ['health'],
  errors: ['SERVICE_UNAVAILABLE'],
  responses: { 200: readinessSchema },
  handler: async ({ log }, deps) => {
    const readiness = await runReadinessProbes(deps.readinessProbes, PROBE_TIMEOUT_MS, (name, err) =>
      log.warn({ probe: name, err }, 'readiness probe failed'),
    );
    if (readiness.status === 'ready') return readiness;
    throw new AppError('SERVICE_UNAVAILABLE', 'A dependency is not reachable', { probes: readiness.probes });
  },
});
