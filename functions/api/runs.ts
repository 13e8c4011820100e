import { z } from 'zod';
import { listRuns } from '../../shared/app/runs/list-runs';
import { idParamsSchema, pageSchema } from '../../shared/contracts/common';
import { decodeCursor, encodeCursor } from '../../shared/contracts/cursor';
import { ListRunsQuery, RunResource } from '../../shared/contracts/run-resources';
import { notFound } from '../../shared/domain/errors';
import { defineEndpoint } from '../http/define-endpoint';

const storageCursor = z.strictObject({ t: z.string() });

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
      cursor: query.cursor ? decodeCursor(query.cursor, storageCursor).t : null,
    });
    return { items: page.items, nextCursor: page.nextCursor ? encodeCursor({ t: page.nextCursor }) : null };
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
    return run.doc;
  },
});
