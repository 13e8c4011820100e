import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../local/azurite/start-azurite';
import { devToken, waitFor } from '../support/host-process';
import { useHostStorage } from '../support/host-storage';

// The local host (`node dist/local/main.js`, run `npm run build` first) runs a report whose PostgreSQL
// cannot be reached: a transient failure, retried by Durable until it gives up. What the tenant reads of
// that run must be written for the tenant — before, it held the activity's stack with the server's paths.
const storage = useHostStorage('rs-run-errors');
const tenant = 'run-errors';
const smtpPassword = `Leak-${randomBytes(6).toString('hex')}`;
const pgPassword = `pg-${randomBytes(6).toString('hex')}`;

describe('run errors as a tenant reads them', () => {
  it('record a tenant-facing message: no stack frame, no server path, no setting; the cause goes to the log', async () => {
    const closedPort = await freePort();
    const host = await storage().startHost({
      DEMO_SALES_ROWS: '100',
      OUTBOUND_ALLOWLIST: `127.0.0.1:${closedPort}`,
      SMTP_URL: `smtp://reports:${smtpPassword}@127.0.0.1:${await freePort()}`,
      LOG_LEVEL: 'error',
    });
    const token = await devToken(host.url, tenant);
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${host.url}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, text, json: text ? (JSON.parse(text) as Record<string, any>) : {} }; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed JSON under test
    };

    expect((await api('PUT', '/secrets/pg-password', { value: pgPassword })).status).toBe(201);
    const source = await api('POST', '/data-sources', {
      type: 'postgres',
      name: 'Unreachable',
      config: {
        host: '127.0.0.1',
        port: closedPort,
        database: 'test',
        user: 'postgres',
        ssl: 'disable',
        passwordRef: 'secret:pg-password',
      },
    });
    expect(source.status, source.text).toBe(201);
    const report = await api('POST', '/reports', {
      name: 'Never reaches its database',
      dataSource: { connectionId: source.json.id, sql: 'select 1 as n' },
      outputs: [{ format: 'csv' }],
    });
    expect(report.status, report.text).toBe(201);
    const queued = await api('POST', `/reports/${report.json.id}/runs`);
    expect(queued.status, queued.text).toBe(202);
    const runId = queued.json.id as string;

    const failed = await waitFor(
      'the run to fail',
      async () => {
        const got = await api('GET', `/runs/${runId}`);
        return got.json.status === 'failed' ? got : undefined;
      },
      150_000,
    );
    expect(failed.json.error).toMatchObject({
      code: expect.any(String),
      message: expect.any(String),
      suggestedFix: expect.any(String),
    });
    const shown = [failed.text, (await api('GET', `/runs?reportId=${report.json.id}`)).text];
    for (const text of shown) {
      expect(text).not.toMatch(/\sat\s[^"]*\(/); // a stack frame: "at fn (file:line)"
      expect(text).not.toMatch(/(^|[\s('"])\/[\w.@-]+\/[\w.@/-]+/); // an absolute server path
      for (const value of [storage().dataDir, process.cwd(), smtpPassword, pgPassword, 'dist/shared'])
        expect(text).not.toContain(value);
    }
    // The cause is in the log, with the run it belongs to.
    expect(host.output()).toContain(runId);
    expect(host.output()).toMatch(/activity extractData failed/);
  }, 240_000);
});
