import { describe, expect, it } from 'vitest';
import type { DataSourceDefinition } from '../../contracts/data-source';
import type { DataSource } from '../../ports/data-source';
import { createOutboundHttpClient } from '../http/outbound-http-client';
import { createOutboundPolicy } from '../http/outbound-policy';
import { createDataSourceConnector } from './connect-data-source';
import type { ConnectedSource } from './connected-source';
import { createDataSourceResolver } from './data-source-resolver';
import { createSecretResolver } from '../../app/secrets/secret-resolver';
import { createOperatorTenantSecrets } from '../secrets/operator-tenant-secrets';

// The PostgreSQL on this machine trusts its clients: the definitions name no secret.
const noSecrets = createSecretResolver({
  store: { get: () => Promise.resolve(undefined) },
  operator: createOperatorTenantSecrets({}),
});

const definition = (
  tenantId: string,
  id: string,
  updatedAt = '2025-01-01T00:00:00.000Z',
): DataSourceDefinition => ({
  id,
  tenantId,
  type: 'postgres',
  name: id,
  description: '',
  config: {
    host: '127.0.0.1',
    port: 5432,
    database: 'test',
    user: 'postgres',
    ssl: 'disable',
    statementTimeoutMs: 60_000,
    maxConnections: 2,
  },
  createdBy: 'u',
  createdAt: updatedAt,
  updatedAt,
});

const demo = () => Promise.resolve({ query: () => Promise.reject(new Error('unused')) } as DataSource);

/** Definitions in memory and connections that only record being opened and closed: the caching logic under test. */
function recording() {
  const defs = new Map<string, DataSourceDefinition>();
  const events: string[] = [];
  const connections = {
    find: (tenantId: string, id: string) => Promise.resolve(defs.get(`${tenantId}/${id}`)),
    connect: (d: DataSourceDefinition): Promise<ConnectedSource> => {
      events.push(`open ${d.tenantId}/${d.id}@${d.updatedAt.slice(0, 4)}`);
      return Promise.resolve({
        query: () => Promise.reject(new Error('unused')),
        probe: () => Promise.resolve(),
        close: () => {
          events.push(`close ${d.tenantId}/${d.id}@${d.updatedAt.slice(0, 4)}`);
          return Promise.resolve();
        },
      });
    },
    maxOpen: 2,
  };
  const put = (d: DataSourceDefinition) => defs.set(`${d.tenantId}/${d.id}`, d);
  return { connections, events, put };
}

describe('data source resolver', () => {
  it('keeps one connection per tenant source, reopens it when the definition changes, closes all on shutdown', async () => {
    const { connections, events, put } = recording();
    const resolver = createDataSourceResolver({ demo, connections });
    put(definition('t1', 'a'));
    const first = await resolver.resolve('t1', 'a');
    expect(await resolver.resolve('t1', 'a')).toBe(first);
    put(definition('t1', 'a', '2026-01-01T00:00:00.000Z'));
    expect(await resolver.resolve('t1', 'a')).not.toBe(first);
    await new Promise((r) => setImmediate(r));
    expect([...events].sort()).toEqual(['close t1/a@2025', 'open t1/a@2025', 'open t1/a@2026']);
    await resolver.close();
    expect(events.at(-1)).toBe('close t1/a@2026');
  });

  it('never resolves another tenant’s source, and says what to use instead', async () => {
    const { connections, put } = recording();
    const resolver = createDataSourceResolver({ demo, connections });
    put(definition('t1', 'a'));
    await expect(resolver.resolve('t2', 'a')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(createDataSourceResolver({ demo }).resolve('t1', 'a')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(resolver.resolve('t2', 'demo')).resolves.toBeDefined();
  });

  it('closes the least recently used connection beyond maxOpen', async () => {
    const { connections, events, put } = recording();
    const resolver = createDataSourceResolver({ demo, connections });
    for (const id of ['a', 'b', 'c']) put(definition('t1', id));
    await resolver.resolve('t1', 'a');
    await resolver.resolve('t1', 'b');
    await resolver.resolve('t1', 'a');
    await resolver.resolve('t1', 'c');
    await new Promise((r) => setImmediate(r));
    expect(events.filter((e) => e.startsWith('close'))).toEqual(['close t1/b@2025']);
  });

  it('opens a real PostgreSQL connection through the connector and the SSRF guard', async () => {
    const policy = createOutboundPolicy({ allowlist: ['127.0.0.1:5432'] });
    const connector = createDataSourceConnector({
      policy,
      http: createOutboundHttpClient({ policy }),
      secrets: noSecrets,
    });
    const d = definition('t1', 'pg');
    const resolver = createDataSourceResolver({
      demo,
      connections: { find: () => Promise.resolve(d), connect: (x) => connector.connect(x) },
    });
    try {
      const source = await resolver.resolve('t1', 'pg');
      const result = await source.query({
        sql: 'select $1::int + 1 as n',
        params: { x: 41 },
        timeoutMs: 5_000,
        maxRows: 10,
      });
      const rows = [];
      for await (const batch of result.batches) rows.push(...batch);
      expect(rows).toEqual([{ n: 42 }]);
    } finally {
      await resolver.close();
    }
    const strict = createOutboundPolicy();
    expect(() =>
      createDataSourceConnector({
        policy: strict,
        http: createOutboundHttpClient({ policy: strict }),
        secrets: noSecrets,
      }).check(d),
    ).toThrow(
      expect.objectContaining({
        code: 'OUTBOUND_BLOCKED',
        details: expect.objectContaining({ field: 'config.host' }),
      }),
    );
  });
});
