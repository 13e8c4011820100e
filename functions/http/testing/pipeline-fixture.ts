// Test support: a dev issuer on a loopback port, real verifier and limiter, and a way to run requests.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { HttpRequest } from '@azure/functions';
import { createDevIssuer, type DevIssuer } from '../../../local/dev-issuer/dev-issuer';
import { createTokenVerifier } from '../../../shared/adapters/auth/jose-token-verifier';
import { createTenantRateLimiter } from '../../../shared/adapters/rate-limit/create-tenant-rate-limiter';
import type { Role, Tier } from '../../../shared/contracts/common';
import type { EndpointDefinition } from '../endpoint-types';
import type { HttpDeps } from '../../../shared/composition/http-deps';
import { runEndpoint } from '../run-endpoint';
import { capturingLogger, testConfig, testDeps } from './http-test-kit';

export const AUDIENCE = 'report-scheduler';

export interface Call {
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  params?: Record<string, string>;
}

export interface RunResult {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed JSON under test
}

export interface PipelineFixture {
  deps: HttpDeps;
  issuer: DevIssuer;
  logLines: Record<string, unknown>[];
  token(roles?: Role[], tenantId?: string, tier?: Tier): Promise<string>;
  run(def: EndpointDefinition<HttpDeps>, call: Call, using?: HttpDeps): Promise<RunResult>;
  close(): Promise<void>;
}

export async function startPipelineFixture(maxRequestBytes = 2048): Promise<PipelineFixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipeline-'));
  const mounted: { issuer?: DevIssuer } = {};
  const server = http.createServer((req, res) => void mounted.issuer?.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const dev = await createDevIssuer({ dataDir, issuer: base, audience: AUDIENCE });
  mounted.issuer = dev;
  const config = testConfig({
    AUTH_ISSUER: base,
    AUTH_JWKS_URL: dev.jwksUri,
    MAX_REQUEST_BYTES: String(maxRequestBytes),
  });
  const { logger, lines } = capturingLogger();
  const deps = testDeps(config, {
    logger,
    tokenVerifier: createTokenVerifier({
      issuer: base,
      audience: AUDIENCE,
      jwksUrl: dev.jwksUri,
      algorithms: ['RS256'],
    }),
    rateLimiter: createTenantRateLimiter({ limits: { standard: 1000, premium: 1000, enterprise: 1000 } }),
  });

  return {
    deps,
    issuer: dev,
    logLines: lines,
    async token(roles = ['report_creator'], tenantId = 't1', tier) {
      const minted = await dev.mintToken({ tenantId, userId: 'u1', roles, ...(tier ? { tier } : {}) });
      return `Bearer ${minted.accessToken}`;
    },
    async run(def, call, using = deps) {
      const request = new HttpRequest({
        method: call.method ?? 'POST',
        url: `http://localhost:7071/api/${call.url ?? 'v1/schedules'}`,
        headers: call.headers ?? {},
        params: call.params ?? {},
        ...(call.body === undefined
          ? {}
          : { body: typeof call.body === 'string' ? { string: call.body } : { bytes: call.body } }),
      });
      const res = await runEndpoint(def, using, request);
      const text = typeof res.body === 'string' ? res.body : '';
      return {
        status: res.status ?? 200,
        headers: res.headers as Record<string, string>,
        text,
        json: text ? (JSON.parse(text) as RunResult['json']) : undefined,
      };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Problems with an error response's shape (empty when it is exactly the envelope). */
export function envelopeProblems(res: RunResult): string[] {
  const problems: string[] = [];
  const error = res.json?.error as Record<string, unknown> | undefined;
  if (!res.json || Object.keys(res.json).join() !== 'error') problems.push('body is not {error}');
  if (!error || Object.keys(error).join() !== 'code,message,details,requestId,timestamp')
    problems.push('error keys');
  if (!res.headers['X-Request-Id'] || error?.requestId !== res.headers['X-Request-Id'])
    problems.push('request id');
  if (typeof error?.timestamp !== 'string' || new Date(error.timestamp).toISOString() !== error.timestamp)
    problems.push('timestamp');
  if (/\bat .+\.(ts|js):\d+/.test(res.text)) problems.push('stack trace');
  return problems;
}
