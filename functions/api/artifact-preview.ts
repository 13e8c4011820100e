import { Readable } from 'node:stream';
import { z } from 'zod';
import { previewArtifact, previewRowLimit } from '../../shared/app/artifacts/preview-artifact';
import { idParamsSchema } from '../../shared/contracts/common';
import { defineEndpoint } from '../http/define-endpoint';
import { reply } from '../http/endpoint-types';

/** The CSP an HTML preview is served with: nothing loads, nothing runs; inline styles and data: images only. */
export const htmlPreviewPolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

export const RowsPreview = z
  .strictObject({
    columns: z.array(z.string()),
    rows: z.array(z.record(z.string(), z.unknown())),
    truncated: z.boolean().meta({ description: `True when the file has more than ${previewRowLimit} rows.` }),
  })
  .meta({ id: 'ArtifactRowsPreview' });

const PreviewBody = z.union([
  RowsPreview,
  z.string().meta({ description: 'Sanitized HTML (text/html)' }),
  z
    .custom<Readable>((v) => v instanceof Readable)
    .meta({ type: 'string', format: 'binary', description: 'PNG of page 1 (image/png)' }),
]);

export const previewArtifactEndpoint = defineEndpoint({
  name: 'previewArtifact',
  method: 'GET',
  route: 'v1/artifacts/{id}/preview',
  summary: 'Preview an artifact: PNG of page 1 (PDF), first 100 rows (CSV, JSON, XLSX), sanitized HTML',
  description:
    `PDF → \`image/png\` (the thumbnail made during the render); CSV, JSON and XLSX → \`application/json\` ` +
    `\`{"columns","rows","truncated"}\` with the first ${previewRowLimit} rows; HTML → \`text/html\`, ` +
    `without scripts, event handlers or external URLs, served with \`Content-Security-Policy: ${htmlPreviewPolicy}\`.`,
  tags: ['artifacts'],
  params: idParamsSchema,
  errors: ['NOT_FOUND'],
  responses: { 200: PreviewBody },
  handler: async ({ principal, params }, deps) => {
    const preview = await previewArtifact(deps, principal.tenantId, params.id);
    const headers = { 'Cache-Control': 'private, max-age=300', 'X-Content-Type-Options': 'nosniff' };
    switch (preview.kind) {
      case 'png':
        return reply(200, preview.body, { headers: { ...headers, 'Content-Type': 'image/png' } });
      case 'rows':
        return reply(200, preview.body, {
          headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
        });
      case 'html':
        return reply(200, preview.body, {
          headers: {
            ...headers,
            'Content-Type': 'text/html; charset=utf-8',
            'Content-Security-Policy': htmlPreviewPolicy,
            'X-Preview-Truncated': String(preview.truncated),
          },
        });
    }
  },
});
