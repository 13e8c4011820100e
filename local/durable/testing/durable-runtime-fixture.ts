import { afterAll, beforeAll } from 'vitest';
import { invokeFunction } from '../../functions-core/invoke-function';
import { testConnectionString, uniqueName } from '../../../test/support/storage';
import { testState } from './durable-test-state';
import { isFinal, startTestHost, type TestHost, waitForStatus } from './test-host';

export { testState };

/**
 * End-to-end: orchestrators registered with the real durable-functions library, run by the local
 * engine on the test Azurite, driven through `df.getClient()` from an HTTP function (the real client
 * calling the management API) or through the management API directly.
 */

let host: TestHost;
export const logs: string[] = [];
export const host_ = () => host;
export const api = (path: string) => `${host.baseUrl}/runtime/webhooks/durabletask/${path}`;

/** Invokes the app's HTTP function, which uses the real durable client against the management API. */
export async function httpClient(
  op: string,
  ...args: unknown[]
): Promise<{ status: number; body: Record<string, unknown> }> {
  const fn = host.app.registry.get('client')!;
  const outcome = await invokeFunction(host.app, fn, {
    inputData: [
      {
        name: fn.trigger.name,
        data: {
          http: {
            method: 'POST',
            url: `${host.baseUrl}/api/client`,
            headers: { 'content-type': 'application/json' },
            query: {},
            params: {},
            body: { bytes: Buffer.from(JSON.stringify({ op, args })) },
          },
        },
      },
    ],
  });
  const http = outcome.response.returnValue!.http!;
  return {
    status: Number(http.statusCode),
    body: JSON.parse(Buffer.from(http.body!.bytes!).toString()) as Record<string, unknown>,
  };
}

export async function client<T = unknown>(op: string, ...args: unknown[]): Promise<T> {
  const { body } = await httpClient(op, ...args);
  if (!body.ok) throw new Error(String(body.error));
  return body.result as T;
}

export const start = (name: string, input?: unknown, instanceId?: string) =>
  client<string>('startNew', name, {
    ...(input !== undefined ? { input } : {}),
    ...(instanceId ? { instanceId } : {}),
  });
export const finished = (id: string, query = '') => waitForStatus(host.baseUrl, id, isFinal, 15_000, query);

/** Starts the test host (the durable test app on the test Azurite) for the calling test file. */
export function useDurableTestHost(): void {
  beforeAll(async () => {
    host = await startTestHost({
      main: () => import('./durable-test-app.js'),
      connectionString: testConnectionString(),
      taskHub: uniqueName('hub'),
      logs,
      timings: { minIdleMs: 20, maxIdleMs: 200 },
    });
    process.env.WEBSITE_HOSTNAME = new URL(host.baseUrl).host;
  });

  afterAll(async () => {
    await host?.close();
  });
}
