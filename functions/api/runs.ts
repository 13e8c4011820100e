import { z } from 'zod';
import { cancelRun } from '../../shared/app/runs/cancel-run';
import { listRuns } from '../../shared/app/runs/list-runs';
import { retryRun } from '../../shared/app/runs/retry-run';
import { withTenantFacingError } from '../../shared/app/pipeline/run-error';
import { idParamsSchema, pageSchema } from '../../shared/contracts/common';
import { readStoragePosition, toStoragePage } from '../../shared/contracts/cursor';
import { ListRunsQuery, RunResource } from '../../shared/contracts/run-resources';
import { notFound } from '../../shared/domain/errors';
import { defineEndpoint } from '../http/define-endpoint';
import { reply } from '../http/endpoint-types';

export const listRunsEndpoint = defineEndpoint({
  name: 'listRuns',
  method: 'GET',
  route: 'v1/runs',
  summary: 'List runs, newest first',
  tags: ['runs'],
  query: ListRunsQuery,
  responses: { 200: pageSchema(RunResource) },
  handler: async ({ principal, query }, deps) => {
    const page = await listRuns(deps.repos, principal.tenantId, {
      ...(query.reportId ? { reportId: query.reportId } : {}),
      ...(query.status ? { status: query.status } : {}),
      limit: query.limit,
      cursor: readStoragePosition(query.cursor),
    });
    return toStoragePage({ ...page, items: page.items.map(withTenantFacingError) });
  },
});

export const getRunEndpoint = defineEndpoint({
  name: 'getRun',
  method: 'GET',
  route: 'v1/runs/{id}',
  summary: 'One run with its step timeline',
  tags: ['runs'],
  params: idParamsSchema,
  errors: ['NOT_FOUND'],
  responses: { 200: RunResource },
  handler: async ({ principal, params }, deps) => {
    const run = await deps.repos.runs.get(principal.tenantId, params.id);
    if (!run) throw notFound('Run', params.id);
    return withTenantFacingError(run.doc);
  },
});

export const cancelRunEndpoint = defineEndpoint({
  name: 'cancelRun',
  method: 'POST',
  route: 'v1/runs/{id}/cancel',
  summary: "Cancel a queued or running run (the report's owner or a tenant admin)",
  tags: ['runs'],
  roles: ['tenant_admin', 'report_creator'],
  params: idParamsSchema,
  errors: ['NOT_FOUND', 'CONFLICT'],
  responses: { 200: RunResource },
  handler: ({ principal, params }, deps) => cancelRun(deps, principal, params.id),
});

export const retryRunEndpoint = defineEndpoint({
  name: 'retryRun',
  method: 'POST',
  route: 'v1/runs/{id}/retry',
  summary:
    "Start the next attempt of a failed, aborted or missed run (the report's owner or a tenant admin; idempotent: the same run retried twice gives one new run)",
  tags: ['runs'],
  roles: ['tenant_admin', 'report_creator'],
  params: idParamsSchema,
  errors: ['NOT_FOUND', 'CONFLICT', 'QUOTA_EXCEEDED'],
  responses: { 202: z.strictObject({ runId: z.string(), attempt: z.number().int(), replayed: z.boolean() }) },
  handler: async ({ principal, params }, deps) => {
    const retry = await retryRun(
      { repos: deps.repos, bus: deps.bus, quota: deps.quota, clock: deps.clock },
      principal,
      params.id,
    );
    return reply(202, retry, { location: `/api/v1/runs/${retry.runId}` });
  },
});
