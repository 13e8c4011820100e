import { getRunResult, runResultUrl } from '../../shared/app/runs/get-run-result';
import { idParamsSchema } from '../../shared/contracts/common';
import { RunResource } from '../../shared/contracts/run-resources';
import { RunResult } from '../../shared/contracts/run-result';
import { defineEndpoint } from '../http/define-endpoint';
import { reply } from '../http/endpoint-types';

export const getRunResultEndpoint = defineEndpoint({
  name: 'getRunResult',
  method: 'GET',
  route: 'v1/runs/{id}/result',
  summary: 'Wait for a run: 202 while it runs, then its outcome and files',
  description:
    'The asynchronous-request pattern Power Automate and Logic Apps follow: while the run is queued or ' +
    'running, 202 with the run, `Location` (this URL) and `Retry-After` (seconds); once it has finished, ' +
    '200 with its status, its error if it failed, and its files with signed download links (7 days).',
  tags: ['runs'],
  params: idParamsSchema,
  errors: ['NOT_FOUND'],
  location: true,
  retryAfter: true,
  responses: { 200: RunResult, 202: RunResource },
  handler: async ({ principal, params }, deps) => {
    const outcome = await getRunResult(deps, principal.tenantId, params.id);
    if (outcome.finished) return reply(200, outcome.result);
    return reply(202, outcome.run, {
      location: runResultUrl(deps.config.PUBLIC_BASE_URL, params.id),
      headers: { 'Retry-After': String(deps.config.RUN_RESULT_RETRY_AFTER_SECONDS) },
    });
  },
});
