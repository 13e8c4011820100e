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
  description: 'Filter by `reportId` or `status`; newest first, pages with `cursor` / `nextCursor`.',
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
  description:
    'Status, attempt, timings, row count, bytes, error (with a suggested fix) and the step timeline (extract, transform, render, store, deliver).',
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
  description:
    'A queued run is cancelled at once; a running one is interrupted (its query is cancelled, its render page closed) and ends `aborted`. A finished run is 409 CONFLICT.',
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
  summary: "Retry a failed, aborted or missed run (the report's owner or a tenant admin; idempotent)",
  description:
    'Queues the next attempt of a failed, aborted or missed run; retrying the same run twice gives one new run (`replayed: true`). Follow it at `Location`.',
  tags: ['runs'],
  roles: ['tenant_admin', 'report_creator'],
  params: idParamsSchema,
  errors: ['NOT_FOUND', 'CONFLICT', 'QUOTA_EXCEEDED'],
  location: true,
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
