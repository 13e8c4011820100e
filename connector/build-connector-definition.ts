/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- walks the OpenAPI document's JSON */
import {
  CONNECTOR_ACTIONS,
  CONNECTOR_TRIGGERS,
  type ConnectorAction,
  type ConnectorParameter,
  type ConnectorTrigger,
} from './connector-operations';
import { notificationSchema } from './connector-notifications';
import { toSwagger2Schema } from './swagger2-schema';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed JSON

export const CONNECTOR_HOST = 'report-scheduler.azurewebsites.net';

interface Located {
  path: string;
  method: string;
  op: Json;
}

/** The connector's labels on a Swagger 2.0 parameter or schema property. */
function label(target: Json, p: ConnectorParameter): Json {
  return {
    ...target,
    description: p.description ?? target.description ?? p.summary,
    'x-ms-summary': p.summary,
    ...(p.visibility ? { 'x-ms-visibility': p.visibility } : {}),
    ...(p.default !== undefined ? { default: p.default } : {}),
    ...(p.dynamicValues ? { 'x-ms-dynamic-values': p.dynamicValues } : {}),
  };
}

/**
 * The Power Platform custom connector (Swagger 2.0) for this API, built from its OpenAPI 3.1 document:
 * the operations `connector-operations.ts` picks, with their paths, parameters and schemas as the API
 * declares them, and the connector's words and extensions on top. Anything picked that the API no
 * longer has (an operation, a parameter) is an error, so a change of the API shows up here.
 */
export function buildConnectorDefinition(openapi: Json, host = CONNECTOR_HOST): Json {
  const byId = new Map<string, Located>();
  for (const [path, item] of Object.entries(openapi.paths as Json))
    for (const [method, op] of Object.entries(item as Json)) byId.set(op.operationId, { path, method, op });
  const find = (id: string) => {
    const found = byId.get(id);
    if (!found) throw new Error(`The connector picks ${id}, which the API does not have`);
    return found;
  };
  const refs = new Set<string>(['ErrorEnvelope']);
  const convert = (schema: unknown) => toSwagger2Schema(schema, (name) => refs.add(name));
  const resolve = (node: Json): Json =>
    node?.$ref
      ? resolve(
          node.$ref
            .slice(2)
            .split('/')
            .reduce((n: Json, k: string) => n?.[k], openapi),
        )
      : node;
  const responsesOf = (op: Json): Json => {
    const out: Json = {};
    for (const [status, response] of Object.entries(op.responses as Json)) {
      if (!/^2\d\d$/.test(status)) continue;
      const schema = response.content?.['application/json']?.schema;
      const headers: Json = {};
      for (const [name, type] of [
        ['Location', 'string'],
        ['Retry-After', 'integer'],
      ] as const)
        if (response.headers?.[name])
          headers[name] = { type, description: resolve(response.headers[name]).description };
      out[status] = {
        description: response.description,
        ...(schema ? { schema: convert(schema) } : {}),
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
      };
    }
    out.default = {
      description: 'Error (the error envelope)',
      schema: { $ref: '#/definitions/ErrorEnvelope' },
    };
    return out;
  };
  const bodyParameter = (
    op: Json,
    p: ConnectorParameter,
    properties: Record<string, ConnectorParameter> = {},
  ) => {
    const schema: Json = convert(resolve(op.requestBody.content['application/json'].schema));
    const fields = (schema.properties ?? {}) as Json;
    for (const [name, labels] of Object.entries(properties)) {
      if (!fields[name]) throw new Error(`The body of ${op.operationId} has no ${name}`);
      fields[name] = label(fields[name], labels);
    }
    return label({ name: 'body', in: 'body', required: op.requestBody.required === true, schema }, p);
  };

  const paths: Json = {};
  const put = (path: string, method: string, operation: Json, extra: Json = {}) => {
    paths[path] = { ...paths[path], ...extra, [method]: operation };
  };
  for (const action of CONNECTOR_ACTIONS) {
    const { path, method, op } = find(action.operationId);
    const responses = responsesOf(op);
    if (action.waitsFor) {
      const final = responsesOf(find(action.waitsFor).op)['200'];
      if (!final) throw new Error(`${action.waitsFor}, which ${action.operationId} waits for, has no 200`);
      responses['200'] = final;
    }
    put(path, method, {
      operationId: action.operationId,
      summary: action.summary,
      description: action.waitsFor
        ? `${op.description} The action waits: it polls \`Location\` until the run has finished.`
        : op.description,
      'x-ms-visibility': action.visibility,
      ...(action.waitsFor ? { 'x-ms-long-running-operation': true } : {}),
      parameters: parametersOf(action, op, resolve, bodyParameter),
      responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))),
    });
  }
  for (const trigger of CONNECTOR_TRIGGERS) {
    const { path, method, op } = find('subscribeToEvent');
    put(
      path.replace('{event}', trigger.event),
      method,
      triggerOperation(trigger, op, bodyParameter, responsesOf),
      {
        'x-ms-notification-content': { description: 'The event', schema: notificationSchema(trigger.event) },
      },
    );
  }
  const definitions: Json = {};
  for (let pending = [...refs]; pending.length > 0; pending = [...refs].filter((r) => !(r in definitions)))
    for (const name of pending) definitions[name] = convert(openapi.components.schemas[name]);

  return {
    swagger: '2.0',
    info: {
      title: 'Report Scheduler',
      description: 'Run reports, follow their runs and files, and react to run and delivery events.',
      version: openapi.info.version,
    },
    host,
    basePath: '/',
    schemes: ['https'],
    consumes: ['application/json'],
    produces: ['application/json'],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    definitions: Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b))),
    parameters: {},
    responses: {},
    securityDefinitions: {
      oauth2_auth: {
        type: 'oauth2',
        flow: 'accessCode',
        authorizationUrl: 'https://login.microsoftonline.com/common/oauth2/authorize',
        tokenUrl: 'https://login.windows.net/common/oauth2/authorize',
        scopes: {},
      },
    },
    security: [{ oauth2_auth: [] }],
    tags: [],
  };
}

function parametersOf(
  action: ConnectorAction,
  op: Json,
  resolve: (node: Json) => Json,
  bodyParameter: (op: Json, p: ConnectorParameter, properties?: Record<string, ConnectorParameter>) => Json,
): Json[] {
  const declared = ((op.parameters ?? []) as Json[]).map(resolve);
  for (const p of declared)
    if (p.in === 'path' && !action.parameters[p.name])
      throw new Error(`${action.operationId}: path parameter ${p.name} has no connector label`);
  return Object.entries(action.parameters).map(([name, labels]) => {
    if (name === 'body') return bodyParameter(op, labels, action.bodyProperties);
    const p = declared.find((d) => d.name === name);
    if (!p) throw new Error(`${action.operationId} has no parameter ${name}`);
    const { description: _d, default: _default, ...schema } = toSwagger2Schema(p.schema, () => undefined);
    return label(
      {
        name,
        in: p.in,
        required: p.in === 'path' || (labels.required ?? p.required === true),
        ...(p.description ? { description: p.description } : {}),
        ...schema,
        ...(_default !== undefined ? { default: _default } : {}),
      },
      labels,
    );
  });
}

function triggerOperation(
  trigger: ConnectorTrigger,
  op: Json,
  bodyParameter: (op: Json, p: ConnectorParameter, properties?: Record<string, ConnectorParameter>) => Json,
  responsesOf: (op: Json) => Json,
): Json {
  return {
    operationId: trigger.operationId,
    summary: trigger.summary,
    description: trigger.description,
    'x-ms-trigger': 'single',
    'x-ms-trigger-hint': trigger.hint,
    'x-ms-visibility': 'important',
    parameters: [
      bodyParameter(
        op,
        {
          summary: 'Subscription',
          description: 'Filled in by Power Automate / Logic Apps.',
          visibility: 'internal',
        },
        {
          url: { summary: 'Callback URL', description: 'The flow’s callback URL.', visibility: 'internal' },
          description: {
            summary: 'Description',
            description: 'Shown in the subscription list.',
            visibility: 'internal',
            default: `Power Platform: ${trigger.summary}`,
          },
        },
      ),
    ],
    responses: responsesOf(op),
  };
}
