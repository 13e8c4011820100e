import { Readable } from 'node:stream';
import { z } from 'zod';
import { listArtifacts } from '../../shared/app/artifacts/list-artifacts';
import {
  describeArtifact,
  downloadArtifact,
  renewArtifactUrl,
} from '../../shared/app/artifacts/open-artifact';
import { idParamsSchema, pageSchema } from '../../shared/contracts/common';
import { decodeCursor, encodeCursor } from '../../shared/contracts/cursor';
import {
  ArtifactDetail,
  ArtifactResource,
  ListArtifactsQuery,
  toArtifactResource,
} from '../../shared/contracts/run-resources';
import { defineEndpoint } from '../http/define-endpoint';
import { reply } from '../http/endpoint-types';

/** The filters a cursor was issued for: a cursor only continues the listing it came from. */
const filterKey = (q: ListArtifactsQuery) =>
  [q.runId, q.reportId, q.format, q.status, q.startDate, q.endDate].map((v) => v ?? '').join('|');

export const listArtifactsEndpoint = defineEndpoint({
  name: 'listArtifacts',
  method: 'GET',
  route: 'v1/artifacts',
  summary: 'The artifact gallery, newest first',
  description:
    'Filters combine: `reportId`, `format`, `status` (of the run that made the artifact), `startDate` / ' +
    '`endDate` (a day `2026-01-31`, the whole day in UTC, or an instant with offset; both inclusive), `runId`. ' +
    'A `cursor` continues the listing with the same filters only.',
  tags: ['artifacts'],
  query: ListArtifactsQuery,
  responses: { 200: pageSchema(ArtifactResource) },
  handler: async ({ principal, query }, deps) => {
    const q = filterKey(query);
    const cursorSchema = z.strictObject({ t: z.string(), q: z.literal(q) });
    const page = await listArtifacts(deps.repos, principal.tenantId, {
      runId: query.runId,
      reportId: query.reportId,
      format: query.format,
      status: query.status,
      startDate: query.startDate,
      endDate: query.endDate,
      limit: query.limit,
      cursor: query.cursor ? decodeCursor(query.cursor, cursorSchema).t : null,
    });
    return {
      items: page.items.map(toArtifactResource),
      nextCursor: page.nextCursor ? encodeCursor({ t: page.nextCursor, q }) : null,
    };
  },
});

export const getArtifactEndpoint = defineEndpoint({
  name: 'getArtifact',
  method: 'GET',
  route: 'v1/artifacts/{id}',
  summary: 'Artifact metadata and a signed URL valid 7 days',
  description:
    'The metadata and a signed download URL (7 days) a person can open without a token. The URL is a credential: share it with care.',
  tags: ['artifacts'],
  params: idParamsSchema,
  errors: ['NOT_FOUND'],
  responses: { 200: ArtifactDetail },
  handler: ({ principal, params }, deps) => describeArtifact(deps, principal.tenantId, params.id),
});

export const downloadArtifactEndpoint = defineEndpoint({
  name: 'downloadArtifact',
  method: 'GET',
  route: 'v1/artifacts/{id}/download',
  summary: 'Download the file (the access is audited)',
  description:
    'Streams the file with `Content-Disposition: attachment`, its SHA-256 in `X-Checksum-Sha256` and its checksum as `ETag`. Each download is written to the audit trail.',
  tags: ['artifacts'],
  params: idParamsSchema,
  errors: ['NOT_FOUND'],
  contentType: 'application/octet-stream',
  etag: true,
  responses: {
    200: z.custom<Readable>((v) => v instanceof Readable).meta({ type: 'string', format: 'binary' }),
  },
  handler: async ({ principal, params }, deps) => {
    const { artifact, body } = await downloadArtifact(deps, principal, params.id);
    return reply(200, body, {
      headers: {
        'Content-Type': artifact.contentType,
        'Content-Length': String(artifact.bytes),
        'Content-Disposition': `attachment; filename="${artifact.fileName}"`,
        'X-Checksum-Sha256': artifact.checksum,
      },
      etag: artifact.checksum,
    });
  },
});

export const renewArtifactUrlEndpoint = defineEndpoint({
  name: 'renewArtifactUrl',
  method: 'POST',
  route: 'v1/artifacts/{id}/renew-url',
  summary: 'Issue a fresh signed URL valid 7 days',
  description:
    'A new signed URL valid 7 days from now (the old one keeps working until it expires). Use it when a shared link has lapsed.',
  tags: ['artifacts'],
  // It writes an audit event: a change, so not for viewers (they download through the API).
  roles: ['tenant_admin', 'report_creator'],
  params: idParamsSchema,
  errors: ['NOT_FOUND'],
  responses: { 200: ArtifactDetail },
  handler: ({ principal, params }, deps) => renewArtifactUrl(deps, principal, params.id),
});
