/* eslint-disable @typescript-eslint/no-unsafe-call -- walking the generated JSON */
import { describe, expect, it } from 'vitest';
import { ReportDeliveredEvent } from '../../shared/contracts/delivery';
import { buildOpenApiDocument } from './openapi-document';

describe('OpenAPI webhooks', () => {
  it('documents the report.delivered body a webhook target receives', () => {
    const doc = buildOpenApiDocument([], {
      title: 't',
      version: '1',
      tags: [],
      webhooks: {
        'report.delivered': {
          operationId: 'reportDelivered',
          summary: 's',
          description: 'd',
          schema: ReportDeliveredEvent,
        },
      },
    }) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const body = doc.webhooks['report.delivered'].post.requestBody.content['application/json'].schema;
    const schema = body.$ref ? doc.components.schemas[body.$ref.split('/').pop()] : body;
    // Signed with the target's secret: declared as the webhook's security (a linter error without it).
    expect(doc.webhooks['report.delivered'].post.security).toEqual([{ webhookSignature: [] }]);
    expect(doc.components.securitySchemes.webhookSignature).toMatchObject({
      in: 'header',
      name: 'X-Signature',
    });
    expect(schema.required).toEqual(
      expect.arrayContaining(['id', 'type', 'occurredAt', 'tenantId', 'run', 'artifacts']),
    );
    expect(schema.properties.type).toMatchObject({ const: 'report.delivered' });
    expect(schema.properties.artifacts.items.required).toEqual(
      expect.arrayContaining(['id', 'format', 'fileName', 'bytes', 'checksum', 'downloadUrl']),
    );
  });
});
