import type { z } from 'zod';
import { errorCatalog, type ErrorCode } from '../../shared/domain/errors';
import { errorEnvelopeSchema } from '../../shared/contracts/error-envelope';
import type { EndpointDefinition, SuccessStatus } from './endpoint-types';
import { toOpenApiSchema } from './json-schema';
import {
  errorHeaders,
  headerComponents,
  headerParameterComponents,
  notModifiedResponse,
  requestHeaderParameters,
  successHeaders,
} from './openapi-headers';

type Json = Record<string, unknown>;

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
  serverUrl?: string;
  /** Every tag an operation may use, with its description (an undeclared tag is an error). */
  tags: readonly { name: string; description: string }[];
  /** Requests this service sends (OpenAPI 3.1 `webhooks`): what a receiver must accept, by name. */
  webhooks?: Record<
    string,
    { operationId: string; summary: string; description: string; tags?: string[]; schema: z.ZodType }
  >;
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content' };

/** The errors the pipeline itself can answer for an endpoint (it reads any body, up to the size limit). */
function pipelineErrors<D>(endpoint: EndpointDefinition<D>): ErrorCode[] {
  const codes: ErrorCode[] = ['INTERNAL', 'PAYLOAD_TOO_LARGE'];
  if (endpoint.roles !== 'public') codes.push('UNAUTHENTICATED', 'RATE_LIMITED', 'FORBIDDEN');
  if (endpoint.params || endpoint.query || endpoint.body) codes.push('VALIDATION_ERROR');
  if (endpoint.body) codes.push('MALFORMED_JSON', 'UNSUPPORTED_MEDIA_TYPE');
  return [...codes, ...(endpoint.errors ?? [])];
}

/** `v1/runs/{id:guid}` → `/api/v1/runs/{id}`. */
export function openApiPath(route: string): string {
  return `/api/${route.replace(/^\/+/, '')}`.replace(/\{\*?([A-Za-z0-9_]+)(?::[^}]*)?\??\}/g, '{$1}');
}

function parameters(
  schema: z.ZodType | undefined,
  where: 'path' | 'query',
  components: Record<string, Json>,
): Json[] {
  if (!schema) return [];
  const object = toOpenApiSchema(schema, 'input', components);
  const properties = (object.properties ?? {}) as Record<string, Json>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

function operation<D>(endpoint: EndpointDefinition<D>, components: Record<string, Json>): Json {
  const responses: Json = {};
  const contentType = endpoint.contentType ?? 'application/json';
  for (const [code, schema] of Object.entries<z.ZodType>(endpoint.responses as Record<string, z.ZodType>)) {
    const status = Number(code) as SuccessStatus;
    const example = endpoint.examples?.responses?.[status];
    const headers = successHeaders(endpoint, status);
    responses[code] =
      status === 204
        ? { description: STATUS_TEXT[status], headers }
        : {
            description: STATUS_TEXT[status] ?? 'Success',
            headers,
            content: {
              [contentType.split(';')[0]!]: {
                schema: toOpenApiSchema(schema, 'output', components),
                ...(example === undefined ? {} : { example }),
              },
            },
          };
  }
  if (endpoint.method === 'GET' && endpoint.etag) responses['304'] = notModifiedResponse(endpoint);
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(pipelineErrors(endpoint))) {
    const status = errorCatalog[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      $ref: `#/components/responses/Error${status}`,
      description: codes.join(', '),
    };
  }
  const op: Json = {
    operationId: endpoint.name,
    summary: endpoint.summary,
    description: endpoint.description,
    tags: endpoint.tags,
    parameters: [
      ...parameters(endpoint.params, 'path', components),
      ...parameters(endpoint.query, 'query', components),
      ...requestHeaderParameters(endpoint),
    ],
    responses,
    security: endpoint.openapi?.security ?? (endpoint.roles === 'public' ? [] : [{ bearerAuth: [] }]),
  };
  if (endpoint.roles === 'platform') op['x-roles'] = ['platform_admin'];
  else if (endpoint.roles && endpoint.roles !== 'public') op['x-roles'] = [...endpoint.roles];
  if (endpoint.body) {
    const example = endpoint.examples?.request;
    op.requestBody = {
      // An optional body (run now) is one whose schema accepts no body at all.
      required: !endpoint.body.safeParse(undefined).success,
      content: {
        'application/json': {
          schema: toOpenApiSchema(endpoint.body, 'input', components),
          ...(example === undefined ? {} : { example }),
        },
      },
    };
  }
  return op;
}

/** OpenAPI 3.1 for the recorded endpoints: paths, parameters, bodies, responses incl. the error envelope. */
export function buildOpenApiDocument<D>(
  endpoints: readonly EndpointDefinition<D>[],
  info: OpenApiInfo,
): Json {
  const schemas: Record<string, Json> = {};
  const paths: Record<string, Json> = {};
  const errorStatuses = new Set<number>();
  const declaredTags = new Set(info.tags.map((tag) => tag.name));
  for (const endpoint of endpoints) {
    if (endpoint.openapi?.hidden) continue;
    const undeclared = endpoint.tags.filter((tag) => !declaredTags.has(tag));
    if (undeclared.length > 0)
      throw new Error(`Endpoint ${endpoint.name} uses undeclared tag(s) ${undeclared.join(', ')}`);
    const path = openApiPath(endpoint.route);
    const op = operation(endpoint, schemas);
    for (const key of Object.keys(op.responses as Json))
      if (Number(key) >= 400) errorStatuses.add(Number(key));
    paths[path] = { ...paths[path], [endpoint.method.toLowerCase()]: op };
  }
  const envelope = toOpenApiSchema(errorEnvelopeSchema, 'output', schemas);
  const responses = Object.fromEntries(
    [...errorStatuses]
      .sort((a, b) => a - b)
      .map((status) => [
        `Error${status}`,
        {
          description: `Error (${status})`,
          headers: errorHeaders(status),
          content: { 'application/json': { schema: envelope } },
        },
      ]),
  );
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: info.title,
      version: info.version,
      ...(info.description ? { description: info.description } : {}),
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    tags: info.tags.map((tag) => ({ ...tag })),
    paths,
    ...(info.webhooks ? { webhooks: outgoingWebhooks(info.webhooks, schemas) } : {}),
    components: {
      schemas,
      responses,
      headers: headerComponents,
      parameters: headerParameterComponents,
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'The METRICS_TOKEN setting' },
        ...(info.webhooks ? { webhookSignature } : {}),
      },
    },
  };
}

/** How a receiver of our webhooks knows the request is ours: the HMAC signature header. */
const webhookSignature = {
  type: 'apiKey',
  in: 'header',
  name: 'X-Signature',
  description:
    '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` keyed with the target’s signing secret ' +
    '(one `v1` per active secret): the receiver recomputes it and refuses a mismatch or an old `t`.',
};

function outgoingWebhooks(
  webhooks: NonNullable<OpenApiInfo['webhooks']>,
  components: Record<string, Json>,
): Json {
  return Object.fromEntries(
    Object.entries(webhooks).map(([name, hook]) => [
      name,
      {
        post: {
          operationId: hook.operationId,
          ...(hook.tags ? { tags: hook.tags } : {}),
          summary: hook.summary,
          description: hook.description,
          security: [{ webhookSignature: [] }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toOpenApiSchema(hook.schema, 'output', components) } },
          },
          responses: { '2XX': { description: 'Received (any other answer is retried or dead-lettered)' } },
        },
      },
    ]),
  );
}
