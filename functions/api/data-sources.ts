import { readOwned } from '../../shared/app/audit/audited-documents';
import { dataSourceKind } from '../../shared/app/data-sources/data-source-deps';
import {
  createDataSource,
  deleteDataSource,
  updateDataSource,
} from '../../shared/app/data-sources/save-data-source';
import { testDataSource } from '../../shared/app/data-sources/test-data-source';
import { idParamsSchema } from '../../shared/contracts/common';
import {
  DataSourceDefinition,
  DataSourceRequest,
  DataSourceTestResult,
  exampleDataSourceRequest,
  ListDataSourcesQuery,
} from '../../shared/contracts/data-source';
import { defineCrudEndpoints } from '../http/crud-endpoints';
import { defineEndpoint } from '../http/define-endpoint';

/** `/v1/data-sources`: a tenant's databases and APIs; only tenant admins change them. */
export const dataSourceEndpoints = defineCrudEndpoints({
  name: 'DataSource',
  plural: 'DataSources',
  path: 'data-sources',
  label: 'Data source',
  tag: 'data-sources',
  request: DataSourceRequest,
  resource: DataSourceDefinition,
  listQuery: ListDataSourcesQuery,
  example: exampleDataSourceRequest,
  summaries: {
    create: 'Create a data source (tenant admins)',
    list: 'List data sources, oldest first',
    get: 'One data source (its ETag is the version to send in If-Match)',
    update: 'Replace a data source (tenant admins; If-Match guards against lost updates)',
    delete: 'Delete a data source (tenant admins; refused while reports use it)',
  },
  descriptions: {
    create:
      "PostgreSQL, Azure SQL / Synapse or a REST/JSON API. Credentials are references to the tenant's own " +
      'secrets (`secret:NAME`, set with PUT /v1/secrets/{name}), never values; hosts and URLs are checked ' +
      'against the SSRF rules.',
    update:
      'Replaces the connection settings (checked as on create). `If-Match` refuses a lost update (412).',
    list: 'Pages of up to 100 (`limit`, default 20) with `cursor` / `nextCursor`, oldest first.',
    get: 'The data source with its `ETag`: the version to send in `If-Match` when replacing or deleting it.',
    delete:
      'Deletes the data source; 409 CONFLICT while a report queries it. Send the `ETag` in `If-Match` to refuse deleting a version you have not seen (412).',
  },
  errors: { create: ['OUTBOUND_BLOCKED'], update: ['OUTBOUND_BLOCKED'], delete: ['CONFLICT'] },
  readers: ['tenant_admin', 'report_creator', 'viewer'],
  writers: ['tenant_admin'],
  create: (deps, principal, body) => createDataSource(deps.dataSources, principal, body),
  list: (deps, principal, query, cursor) =>
    deps.dataSources.dataSources.list(principal.tenantId, { limit: query.limit, cursor }),
  read: (deps, principal, id) => readOwned(dataSourceKind(deps.dataSources), principal, id),
  update: (deps, principal, id, body, ifMatched) =>
    updateDataSource(deps.dataSources, principal, id, body, ifMatched),
  remove: (deps, principal, id, ifMatched) => deleteDataSource(deps.dataSources, principal, id, ifMatched),
});

export const testDataSourceEndpoint = defineEndpoint({
  name: 'testDataSource',
  method: 'POST',
  route: 'v1/data-sources/{id}/test',
  summary: 'Connect and run a trivial query: ok and latency, or the error (a failed test is still 200)',
  description:
    'Connects with the stored settings and secret reference and runs a trivial query. A failure to connect is reported in the body (`ok: false`, `error`), not as an HTTP error.',
  tags: ['data-sources'],
  roles: ['tenant_admin', 'report_creator'],
  params: idParamsSchema,
  errors: ['NOT_FOUND'],
  responses: { 200: DataSourceTestResult },
  handler: ({ principal, params }, deps) => testDataSource(deps.dataSources, principal, params.id),
});
