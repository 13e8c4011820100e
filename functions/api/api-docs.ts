import { z } from 'zod';
import { notFound } from '../../shared/domain/errors';
import { defineEndpoint } from '../http/define-endpoint';
import { docsAssets } from '../http/docs-assets';
import { DOCS_CSP, renderDocsPage } from '../http/docs-page';
import { reply } from '../http/endpoint-types';
import { API_TITLE } from './openapi';

const ASSETS_URL = '/api/v1/docs/assets/';
const strictHeaders = { 'Content-Security-Policy': DOCS_CSP, 'X-Content-Type-Options': 'nosniff' };

export const apiDocs = defineEndpoint({
  name: 'apiDocs',
  method: 'GET',
  route: 'v1/docs',
  roles: 'public',
  summary: 'Interactive API reference (Swagger UI)',
  description:
    'Every operation with its parameters, bodies and answers; "Try it out" calls this host. Paste a ' +
    'bearer token with "Authorize" first (locally: `POST /api/v1/dev/token`).',
  tags: ['docs'],
  contentType: 'text/html; charset=utf-8',
  responses: { 200: z.string() },
  handler: () =>
    Promise.resolve(
      reply(
        200,
        renderDocsPage({ title: API_TITLE, openApiUrl: '/api/v1/openapi.json', assetsUrl: ASSETS_URL }),
        { headers: { ...strictHeaders, 'Cache-Control': 'no-cache' } },
      ),
    ),
});

export const apiDocsAsset = defineEndpoint({
  name: 'apiDocsAsset',
  method: 'GET',
  route: 'v1/docs/assets/{file}',
  roles: 'public',
  summary: 'A script or stylesheet of the API reference page',
  description: 'Swagger UI’s files from the installed package, and the script that starts it.',
  tags: ['docs'],
  params: z.strictObject({ file: z.string().max(64) }),
  errors: ['NOT_FOUND'],
  contentType: 'text/plain; charset=utf-8',
  responses: { 200: z.string() },
  etag: true,
  openapi: { hidden: true },
  handler: async ({ params }) => {
    const asset = Object.hasOwn(docsAssets(), params.file) ? docsAssets()[params.file] : undefined;
    if (!asset) throw notFound('Docs asset', params.file);
    return reply(200, await asset.read(), {
      headers: {
        ...strictHeaders,
        'Content-Type': asset.contentType,
        'Cache-Control': 'public, max-age=86400',
      },
      etag: asset.version,
    });
  },
});
