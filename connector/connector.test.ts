/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument -- walks the connector JSON */
import SwaggerParser from '@apidevtools/swagger-parser';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFunctions } from '../functions/http/testing/http-test-kit';
import { buildConnectorDefinition } from './build-connector-definition';
import { connectorDefinitionPath, connectorPropertiesPath } from './connector-files';
import { CONNECTOR_FORMATS } from './swagger2-schema';

const root = path.resolve(__dirname, '..');
const checkedIn = JSON.parse(readFileSync(connectorDefinitionPath(root), 'utf8'));
let openapi: Record<string, any>;

beforeAll(async () => {
  await loadFunctions(() => import('../functions/index.js'));
  const { describeApi } = await import('../functions/api/openapi.js');
  openapi = describeApi('https://localhost');
}, 60_000);

const operations = (def: any) =>
  Object.entries(def.paths as Record<string, any>).flatMap(([p, item]) =>
    Object.entries(item)
      .filter(([method]) => !method.startsWith('x-'))
      .map(([method, op]: [string, any]) => ({ key: `${method.toUpperCase()} ${p}`, op })),
  );

/** Every value of `key` anywhere under `node`. */
function valuesOf(node: unknown, key: string, found: unknown[] = []): unknown[] {
  if (Array.isArray(node)) node.forEach((n) => valuesOf(n, key, found));
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if (k === key) found.push(v);
      valuesOf(v, key, found);
    }
  return found;
}

describe('the Power Platform connector (connector/)', () => {
  it('apiDefinition.swagger.json is what `npm run connector:generate` makes from the endpoint registry now', () => {
    expect(checkedIn, 'stale: run `npm run connector:generate` and commit the file').toEqual(
      buildConnectorDefinition(openapi),
    );
  });

  it('is valid Swagger 2.0 (swagger-parser)', async () => {
    await expect(SwaggerParser.validate(structuredClone(checkedIn))).resolves.toBeTruthy();
  });

  it('passes the certification rules that can be checked offline', () => {
    const ops = operations(checkedIn);
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(checkedIn.info.title.length).toBeLessThanOrEqual(30);
    expect(checkedIn.host).not.toMatch(/localhost|^https?:|\//);
    for (const { key, op } of ops) {
      expect(op.summary, key).toMatch(/^\S.{0,79}$/);
      expect(op.summary.endsWith('.'), key).toBe(false);
      expect(op.description, key).toBeTruthy();
      expect(['important', 'advanced', 'internal'], key).toContain(op['x-ms-visibility']);
      const statuses = Object.keys(op.responses);
      expect(
        statuses.some((s) => /^2\d\d$/.test(s)),
        `${key} has a 2xx response, not only default`,
      ).toBe(true);
      for (const p of op.parameters ?? []) {
        expect(p['x-ms-summary'], `${key} ${p.name}`).toBeTruthy();
        expect(p.description, `${key} ${p.name}`).toBeTruthy();
      }
    }
    // (A property may be called "format" too: its value is a schema, not a string.)
    const formats = valuesOf(checkedIn, 'format').filter((f): f is string => typeof f === 'string');
    expect(formats.length).toBeGreaterThan(0);
    for (const format of formats) expect(CONNECTOR_FORMATS, format).toContain(format);
    // Pickers call internal operations that exist.
    for (const picker of valuesOf(checkedIn, 'x-ms-dynamic-values') as any[]) {
      const target = ops.find((o) => o.op.operationId === picker.operationId);
      expect(target?.op['x-ms-visibility'], picker.operationId).toBe('internal');
    }
  });

  it('offers the actions a flow needs and the report / schedule pickers', () => {
    const byId = new Map(operations(checkedIn).map((o) => [o.op.operationId, o]));
    for (const id of [
      'runReportNow',
      'getRun',
      'listArtifacts',
      'getArtifact',
      'pauseSchedule',
      'resumeSchedule',
    ])
      expect(byId.get(id)?.op['x-ms-visibility'], id).not.toBe('internal');
    expect(byId.get('listReports')?.op['x-ms-visibility']).toBe('internal');
    const run = byId.get('runReportNow')!.op;
    expect(run.parameters[0]['x-ms-dynamic-values']).toMatchObject({
      operationId: 'listReports',
      'value-path': 'id',
    });
    expect(run.parameters[1].schema.properties.parameters['x-ms-summary']).toBe('Report parameters');
    // Run now waits: a 202 with Location and Retry-After, polled until the 200 gives the run's result.
    expect(run.summary).toBe('Run a report now and wait for the result');
    expect(run['x-ms-long-running-operation']).toBe(true);
    expect(Object.keys(run.responses['202'].headers)).toEqual(['Location', 'Retry-After']);
    expect(run.responses['200'].schema).toEqual({ $ref: '#/definitions/RunResult' });
    expect(checkedIn.definitions.RunResult.properties.artifacts.items.properties.url).toBeDefined();
    expect(byId.get('pauseSchedule')!.op.parameters[0]['x-ms-dynamic-values'].operationId).toBe(
      'listSchedules',
    );
  });

  it('has webhook triggers for runs, deliveries and quotas that subscribe with the flow’s callback URL and answer 201 + Location', () => {
    const triggers = operations(checkedIn).filter((o) => o.op['x-ms-trigger']);
    expect(triggers.map((t) => t.op.summary).sort()).toEqual([
      'When a delivery fails',
      'When a quota is used up',
      'When a quota reaches 80 %',
      'When a report run fails',
      'When a report run succeeds',
    ]);
    for (const { key, op } of triggers) {
      expect(op['x-ms-trigger']).toBe('single');
      const url = op.parameters.find((p: any) => p.in === 'body').schema.properties.url;
      expect(url, key).toMatchObject({ 'x-ms-notification-url': true, 'x-ms-visibility': 'internal' });
      expect(op.responses['201'].headers.Location, key).toBeDefined();
      const item = checkedIn.paths[key.split(' ')[1]!];
      expect(item['x-ms-notification-content'].schema.properties.data, key).toBeDefined();
    }
  });

  it('apiProperties.json signs in with OAuth 2.0 against Entra ID', () => {
    const properties = JSON.parse(readFileSync(connectorPropertiesPath(root), 'utf8'));
    const token = properties.properties.connectionParameters.token;
    expect(token.type).toBe('oauthSetting');
    expect(token.oAuthSettings.identityProvider).toBe('aad');
    expect(token.oAuthSettings.customParameters.resourceUri.value).toBeTruthy();
    expect(Object.keys(checkedIn.securityDefinitions)).toEqual(['oauth2_auth']);
    expect(checkedIn.securityDefinitions.oauth2_auth).toMatchObject({ type: 'oauth2', flow: 'accessCode' });
  });
});
