import { z } from 'zod';
import { apiEndpoints, defineEndpoint } from '../http/define-endpoint';
import { buildOpenApiDocument } from '../http/openapi-document';
import { ReportDeliveredEvent } from '../../shared/contracts/delivery';
import { API_TAGS } from './openapi-tags';

const API_VERSION = '1.0.0';
export const API_TITLE = 'Report Scheduler API';

/** This API's OpenAPI 3.1 document, for a service reached at `serverUrl`. */
export function describeApi(serverUrl: string) {
  return buildOpenApiDocument(apiEndpoints.list(), {
    title: API_TITLE,
    version: API_VERSION,
    description: 'Multi-tenant scheduled reports: definitions, schedules, runs, artifacts and deliveries.',
    serverUrl,
    tags: API_TAGS,
    webhooks: {
      'report.delivered': {
        operationId: 'reportDelivered',
        tags: ['deliveries'],
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
  description:
    'The OpenAPI 3.1 document of every operation, generated from the same schemas that validate requests.',
  tags: ['docs'],
  responses: { 200: z.record(z.string(), z.unknown()) },
  handler: (_ctx, deps) => Promise.resolve(describeApi(deps.config.PUBLIC_BASE_URL)),
});
