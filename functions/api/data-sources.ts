import { z } from 'zod';
import { readOwned } from '../../shared/app/audit/audited-documents';
import { dataSourceKind } from '../../shared/app/data-sources/data-source-deps';
import {
  createDataSource,
  deleteDataSource,
  updateDataSource,
} from '../../shared/app/data-sources/save-data-source';
import { testDataSource } from '../../shared/app/data-sources/test-data-source';
import { idParamsSchema, pageSchema } from '../../shared/contracts/common';
import { decodeCursor, encodeCursor } from '../../shared/contracts/cursor';
import {
  DataSourceDefinition,
  DataSourceRequest,
  DataSourceTestResult,
  exampleDataSourceRequest,
  ListDataSourcesQuery,
} from '../../shared/contracts/data-source';
import { defineEndpoint } from '../http/define-endpoint';
import { noContent, reply } from '../http/endpoint-types';
import { assertIfMatch } from '../http/etag';
import { idempotent } from '../http/idempotency';

const readers = ['tenant_admin', 'report_creator', 'viewer'] as const;
const admins = ['tenant_admin'] as const;
const testers = ['tenant_admin', 'report_creator'] as const;
const storageCursor = z.strictObject({ t: z.string() });
const ifMatched = (ifMatch: string | undefined, id: string) => (etag: string) =>
  assertIfMatch(ifMatch, etag, 'Data source', id);
const location = (id: string) => `/api/v1/data-sources/${id}`;

export const createDataSourceEndpoint = defineEndpoint(
  idempotent({
    name: 'createDataSource',
    method: 'POST',
    route: 'v1/data-sources',
    summary: 'Create a data source (tenant admins)',
    description:
      'PostgreSQL, Azure SQL / Synapse or a REST/JSON API. Credentials are secret references (env:NAME, ' +
      'keyvault:name), never values; hosts and URLs are checked against the SSRF rules.',
    tags: ['data-sources'],
    roles: admins,
    body: DataSourceRequest,
    errors: ['OUTBOUND_BLOCKED'],
    responses: { 201: DataSourceDefinition },
    examples: { request: exampleDataSourceRequest },
    handler: async ({ principal, body }, deps) => {
      const { doc, etag } = await createDataSource(deps.dataSources, principal, body);
      return reply(201, doc, { etag, location: location(doc.id) });
    },
  }),
);

export const listDataSourcesEndpoint = defineEndpoint({
  name: 'listDataSources',
  method: 'GET',
  route: 'v1/data-sources',
  summary: 'List data sources, oldest first',
  tags: ['data-sources'],
  roles: readers,
  query: ListDataSourcesQuery,
  responses: { 200: pageSchema(DataSourceDefinition) },
  handler: async ({ principal, query }, deps) => {
    const cursor = query.cursor ? decodeCursor(query.cursor, storageCursor).t : null;
    const page = await deps.dataSources.dataSources.list(principal.tenantId, {
      limit: query.limit,
      cursor,
    });
    return { items: page.items, nextCursor: page.nextCursor ? encodeCursor({ t: page.nextCursor }) : null };
  },
});

export const getDataSourceEndpoint = defineEndpoint({
  name: 'getDataSource',
  method: 'GET',
  route: 'v1/data-sources/{id}',
  summary: 'One data source (its ETag is the version to send in If-Match)',
  tags: ['data-sources'],
  roles: readers,
  params: idParamsSchema,
  errors: ['NOT_FOUND'],
  responses: { 200: DataSourceDefinition },
  handler: async ({ principal, params }, deps) => {
    const { doc, etag } = await readOwned(dataSourceKind(deps.dataSources), principal, params.id);
    return reply(200, doc, { etag });
  },
});

export const updateDataSourceEndpoint = defineEndpoint(
  idempotent({
    name: 'updateDataSource',
    method: 'PUT',
    route: 'v1/data-sources/{id}',
    summary: 'Replace a data source (tenant admins; If-Match guards against lost updates)',
    tags: ['data-sources'],
    roles: admins,
    params: idParamsSchema,
    body: DataSourceRequest,
    errors: ['NOT_FOUND', 'PRECONDITION_FAILED', 'OUTBOUND_BLOCKED'],
    responses: { 200: DataSourceDefinition },
    examples: { request: exampleDataSourceRequest },
    handler: async ({ principal, params, body, ifMatch }, deps) => {
      const { doc, etag } = await updateDataSource(
        deps.dataSources,
        principal,
        params.id,
        body,
        ifMatched(ifMatch, params.id),
      );
      return reply(200, doc, { etag });
    },
  }),
);

export const deleteDataSourceEndpoint = defineEndpoint(
  idempotent({
    name: 'deleteDataSource',
    method: 'DELETE',
    route: 'v1/data-sources/{id}',
    summary: 'Delete a data source (tenant admins; refused while reports use it)',
    tags: ['data-sources'],
    roles: admins,
    params: idParamsSchema,
    errors: ['NOT_FOUND', 'PRECONDITION_FAILED', 'CONFLICT'],
    responses: { 204: z.undefined() },
    handler: async ({ principal, params, ifMatch }, deps) => {
      await deleteDataSource(deps.dataSources, principal, params.id, ifMatched(ifMatch, params.id));
      return noContent();
    },
  }),
);

export const testDataSourceEndpoint = defineEndpoint({
  name: 'testDataSource',
  method: 'POST',
  route: 'v1/data-sources/{id}/test',
  summary: 'Connect and run a trivial query: ok and latency, or the error (a failed test is still 200)',
  tags: ['data-sources'],
  roles: testers,
  params: idParamsSchema,
  errors: ['NOT_FOUND'],
  responses: { 200: DataSourceTestResult },
  handler: ({ principal, params }, deps) => testDataSource(deps.dataSources, principal, params.id),
});
