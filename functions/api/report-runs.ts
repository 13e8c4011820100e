import { z } from 'zod';
import { runResultUrl } from '../../shared/app/runs/get-run-result';
import { runReportNow } from '../../shared/app/runs/run-report-now';
import { idParamsSchema } from '../../shared/contracts/common';
import { RunResource } from '../../shared/contracts/run-resources';
import { ParameterValues } from '../../shared/contracts/schedule';
import { defineEndpoint } from '../http/define-endpoint';
import { reply } from '../http/endpoint-types';
import { idempotent } from '../http/idempotency';

/** The optional body of run now: values for the report's declared parameters (defaults fill the rest). */
export const RunNowRequest = z
  .strictObject({ parameters: ParameterValues.optional() })
  .optional()
  .meta({ id: 'RunNowRequest' });

export const runReportNowEndpoint = defineEndpoint(
  idempotent({
    name: 'runReportNow',
    method: 'POST',
    route: 'v1/reports/{id}/runs',
    summary: 'Run the report now (owner or tenant admin); 202 with the queued run',
    description:
      "Parameters are checked against the report's declared ones (a 400 names `parameters.<name>`); the " +
      "tenant's daily execution quota applies. `Location` is the run's result (`GET /v1/runs/{id}/result`): " +
      'poll it after `Retry-After` seconds until it answers 200 with the outcome and the files.',
    tags: ['reports', 'runs'],
    roles: ['tenant_admin', 'report_creator'] as const,
    params: idParamsSchema,
    body: RunNowRequest,
    errors: ['NOT_FOUND', 'QUOTA_EXCEEDED'],
    location: true,
    retryAfter: true,
    responses: { 202: RunResource },
    examples: { request: { parameters: { minQty: 5 } } },
    handler: async ({ principal, params, body }, deps) => {
      const run = await runReportNow(
        { repos: deps.repos, bus: deps.bus, quota: deps.quota, clock: deps.clock },
        principal,
        params.id,
        body?.parameters ?? {},
      );
      return reply(202, run, {
        location: runResultUrl(deps.config.PUBLIC_BASE_URL, run.id),
        headers: { 'Retry-After': String(deps.config.RUN_RESULT_RETRY_AFTER_SECONDS) },
      });
    },
  }),
);
