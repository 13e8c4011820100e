// Test support (not shipped behaviour): the registered API functions over real adapters on the test
// Azurite, with tokens from a loopback dev issuer, invoked through the real programming model.
import { randomBytes } from 'node:crypto';
import type { AppState } from '../../../local/functions-core/invoke-function';
import type { Role } from '../../../shared/contracts/common';
import { testConnectionString, uniqueName } from '../../../test/support/storage';
import { createDeps, installDeps, type Deps } from '../../composition-root';
import {
  callFunction,
  capturingLogger,
  loadFunctions,
  testConfig,
  type HttpResult,
} from '../../http/testing/http-test-kit';
import { startPipelineFixture } from '../../http/testing/pipeline-fixture';

export const TEST_TRIGGER_KEY = randomBytes(32).toString('base64');

export interface Caller {
  tenantId: string;
  userId?: string;
  roles: (Role | 'platform_admin')[];
}

/** Callers by role, as the API tests use them: a tenant admin, a report creator (alice unless named), a viewer. */
export const admin = (tenantId: string): Caller => ({ tenantId, userId: 'admin', roles: ['tenant_admin'] });
export const creator = (tenantId: string, userId = 'alice'): Caller => ({
  tenantId,
  userId,
  roles: ['report_creator'],
});
export const viewer = (tenantId: string): Caller => ({ tenantId, userId: 'vic', roles: ['viewer'] });
/** The platform operator (signed in under its own operator tenant). */
export const operator = (): Caller => ({ tenantId: 'platform', userId: 'op', roles: ['platform_admin'] });

export interface ApiCall {
  method?: string;
  path: string;
  params?: Record<string, string>;
  as?: Caller;
  /** An object is sent as JSON; a string as is. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiFixture {
  app: AppState;
  deps: Deps;
  /** A tenant id no other test uses. */
  tenant(prefix?: string): string;
  call(name: string, call: ApiCall): Promise<HttpResult & { json: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed JSON under test
  close(): Promise<void>;
}

/** What a call on one resource may add: a body (PUT, PATCH) and headers (If-Match, Idempotency-Key). */
export interface ByIdExtra {
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * The calls a CRUD test makes on one resource of a collection (`/api/v1/{collection}/{id}`); `api` is read
 * at call time, so a file's fixture may be started later in `beforeAll`.
 */
export function byIdOf(api: () => ApiFixture, collection: string) {
  return (name: string, method: string, id: string, as: Caller, extra: ByIdExtra = {}) =>
    api().call(name, { method, path: `/api/v1/${collection}/${id}`, params: { id }, as, ...extra });
}

export async function startApiFixture(
  load: () => Promise<unknown>,
  options: { settings?: Record<string, string>; overrides?: (config: Deps['config']) => Partial<Deps> } = {},
): Promise<ApiFixture> {
  const pipeline = await startPipelineFixture(1024 * 1024);
  const config = testConfig({
    AzureWebJobsStorage: testConnectionString(),
    AUTH_ISSUER: pipeline.deps.config.AUTH_ISSUER,
    AUTH_JWKS_URL: pipeline.deps.config.AUTH_JWKS_URL,
    MAX_REQUEST_BYTES: String(1024 * 1024),
    EVENT_TRIGGER_KEY: TEST_TRIGGER_KEY,
    PUBLIC_BASE_URL: 'https://scheduler.example.test',
    ...options.settings,
  });
  const deps = createDeps(config, {
    logger: capturingLogger().logger,
    tokenVerifier: pipeline.deps.tokenVerifier,
    rateLimiter: pipeline.deps.rateLimiter,
    tenantTier: () => Promise.resolve('standard'),
    ...options.overrides?.(config),
  });
  const uninstallDeps = installDeps(deps);
  const app = await loadFunctions(load);
  const tokens = new Map<string, string>();
  async function bearer(caller: Caller) {
    const cacheKey = JSON.stringify(caller);
    let token = tokens.get(cacheKey);
    if (!token) {
      const minted = await pipeline.issuer.mintToken({
        tenantId: caller.tenantId,
        userId: caller.userId ?? 'u1',
        roles: caller.roles,
      });
      token = `Bearer ${minted.accessToken}`;
      tokens.set(cacheKey, token);
    }
    return token;
  }
  return {
    app,
    deps,
    tenant: (prefix = 'tenant') => uniqueName(prefix),
    async call(name, call) {
      const headers: Record<string, string> = { ...call.headers };
      if (call.as) headers.authorization = await bearer(call.as);
      let body: string | undefined;
      if (call.body !== undefined) {
        body = typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
        headers['content-type'] ??= 'application/json';
      }
      return callFunction(app, name, {
        method: call.method ?? 'GET',
        path: call.path,
        headers,
        params: call.params ?? {},
        ...(body === undefined ? {} : { body }),
      });
    },
    async close() {
      uninstallDeps();
      await pipeline.close();
    },
  };
}
