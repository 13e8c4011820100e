// Test support (not shipped behaviour): settings, dependencies and invocations for HTTP tests.
import { Writable } from 'node:stream';
import { createCoreApi, installCoreApi } from '../../../local/functions-core/core-api';
import { FunctionRegistry } from '../../../local/functions-core/function-registry';
import { invokeFunction, type AppState } from '../../../local/functions-core/invoke-function';
import { parseAppConfig, type AppConfig } from '../../../shared/config/app-config';
import { createLogger, type Logger } from '../../../shared/adapters/observability/create-logger';
import { createDeps, type Deps } from '../../composition-root';
import { defaultTenantProfiles } from '../../../shared/app/tenants/tenant-profiles';

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return parseAppConfig({
    AzureWebJobsStorage: 'UseDevelopmentStorage=true',
    AUTH_ISSUER: 'http://127.0.0.1:1/issuer',
    AUTH_AUDIENCE: 'report-scheduler',
    AUTH_JWKS_URL: 'http://127.0.0.1:1/.well-known/jwks.json',
    MAX_REQUEST_BYTES: '2048',
    LOG_LEVEL: 'info',
    ...overrides,
  });
}

/** A logger whose JSON lines are kept in `lines` (parsed). */
export function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ service: 'test', level: 'debug', destination }), lines };
}

export function testDeps(config: AppConfig, overrides: Partial<Deps> = {}): Deps {
  // No storage behind these settings: tiers come from tokens or default to standard.
  return createDeps(config, {
    logger: capturingLogger().logger,
    tenantTier: () => Promise.resolve('standard'),
    tenantProfiles: defaultTenantProfiles(),
    ...overrides,
  });
}

/**
 * Loads function registrations the way the worker does — `@azure/functions-core` provided first,
 * then the modules imported (they call `app.http`) — and returns the app state for `invokeFunction`.
 */
export async function loadFunctions(load: () => Promise<unknown>): Promise<AppState> {
  const registry = new FunctionRegistry();
  const log = () => undefined;
  installCoreApi(createCoreApi(registry, log));
  await load();
  return { registry, appHookData: {}, log, extraInputs: new Map() };
}

export interface HttpCall {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  params?: Record<string, string>;
}

export interface HttpResult {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
}

/** Invokes an HTTP function through the real programming model, as the host would. */
export async function callFunction(app: AppState, name: string, call: HttpCall): Promise<HttpResult> {
  const fn = app.registry.get(name);
  if (!fn) throw new Error(`No function ${name}`);
  const url = new URL(call.path, 'http://localhost:7071');
  const outcome = await invokeFunction(app, fn, {
    inputData: [
      {
        name: fn.trigger.name,
        data: {
          http: {
            method: call.method ?? 'GET',
            url: url.toString(),
            headers: call.headers ?? {},
            params: call.params ?? {},
            query: Object.fromEntries(url.searchParams),
            ...(call.body === undefined ? {} : { body: { bytes: Buffer.from(call.body) } }),
          },
        },
      },
    ],
  });
  const http = outcome.response.returnValue?.http;
  const bytes = http?.body?.bytes ?? (http?.body?.string ? Buffer.from(http.body.string) : undefined);
  const text = bytes ? Buffer.from(bytes).toString('utf8') : '';
  const headers = Object.fromEntries(
    Object.entries(http?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: Number(http?.statusCode ?? 0), headers, text, json };
}
