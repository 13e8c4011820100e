import { z } from 'zod';
import { apiEndpoints, defineEndpoint } from '../http/define-endpoint';
import { reply } from '../http/endpoint-types';
import { buildOpenApiDocument } from '../http/openapi-document';
import { DOCS_CSP, renderDocsPage } from '../http/docs-page';
import type { Deps } from '../composition-root';
import { ReportDeliveredEvent } from '../../shared/contracts/delivery';

const API_VERSION = '1.0.0';

function openApiFor(deps: Deps) {
  return buildOpenApiDocument(apiEndpoints.list(), {
    title: 'Report Scheduler API',
    version: API_VERSION,
    description: 'Multi-tenant scheduled reports: definitions, schedules, runs, artifacts and deliveries.',
    serverUrl: deps.config.PUBLIC_BASE_URL,
    webhooks: {
      'report.delivered': {
        summary: 'What a webhook delivery target receives',
        description:
          'Signed: `X-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (one v1 per active secret). ' +
          '`X-Event-Id` = `id`: the same on every retry and redrive, so de-duplicate on it.',
        schema: ReportDeliveredEvent,
      },
    },
  });
}

export const openApiJson = defineEndpoint({
  name: 'openApiJson',
  method: 'GET',
  route: 'v1/openapi.json',
  roles: 'public',
  summary: 'This API as OpenAPI 3.1',
  tags: ['docs'],
  responses: { 200: z.record(z.string(), z.unknown()) },
  handler: (_ctx, deps) => Promise.resolve(openApiFor(deps)),
});

export const apiDocs = defineEndpoint({
  name: 'apiDocs',
  method: 'GET',
  route: 'v1/docs',
  roles: 'public',
  summary: 'Human-readable list of the operations',
  tags: ['docs'],
  contentType: 'text/html; charset=utf-8',
  responses: { 200: z.string() },
  handler: (_ctx, deps) =>
    Promise.resolve(
      reply(200, renderDocsPage(openApiFor(deps), '/api/v1/openapi.json'), {
        headers: { 'Content-Security-Policy': DOCS_CSP },
      }),
    ),
});
