import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../app/event-triggers/secret-box';
import type { TenantSecretStore } from '../../ports/tenant-secret-store';
import { testConnectionString, uniqueName } from '../../../test/support/storage';
import { createTableService } from '../table/table-service';
import { createKeyVaultClient } from './key-vault-client';
import { createIndexedTenantSecretStore } from './indexed-tenant-secret-store';
import { createKeyVaultTenantSecretStore } from './key-vault-tenant-secret-store';
import { createTableTenantSecretStore } from './table-tenant-secret-store';
import { FAKE_VAULT_TOKEN, startFakeKeyVault, type FakeKeyVault } from './testing/fake-key-vault';

// One contract, every adapter: Table storage on the test Azurite, and Key Vault through its REST API
// against a loopback fake of it (Key Vault cannot run here).
let vault: FakeKeyVault;
beforeAll(async () => {
  vault = await startFakeKeyVault();
});
afterAll(() => vault.close());

let now = new Date('2026-12-01T10:00:00Z');
const clock = () => now;
const credential = {
  getToken: () => Promise.resolve({ token: FAKE_VAULT_TOKEN, expiresOnTimestamp: now.getTime() + 3_600_000 }),
};
const keyVaultStore = (cacheTtlMs = 60_000) =>
  createKeyVaultTenantSecretStore({
    client: createKeyVaultClient({ vaultUrl: vault.base, credential, clock }),
    clock,
    cacheTtlMs,
    sleep: () => Promise.resolve(),
  });
const testTables = () =>
  createTableService({ connectionString: testConnectionString() }, { prefix: uniqueName('sec') });
const tableStore = () => createTableTenantSecretStore(testTables(), createSecretBox(randomBytes(32)), clock);

describe.each([
  ['Table storage', tableStore],
  ['Key Vault', () => keyVaultStore(0)],
  [
    'Key Vault with the Table storage index (as wired)',
    () => createIndexedTenantSecretStore(testTables(), keyVaultStore(0)),
  ],
])('tenant secret store: %s', (_, create) => {
  let store: TenantSecretStore;
  beforeAll(() => {
    store = create();
  });

  it('puts, rotates, lists names without values, and deletes', async () => {
    const tenant = uniqueName('t');
    expect(await store.get(tenant, 'hook-key')).toBeUndefined();
    await store.put(tenant, 'hook-key', 'v1');
    await store.put(tenant, 'api-token', 'tok');
    expect(await store.get(tenant, 'hook-key')).toMatchObject({ value: 'v1' });
    await store.put(tenant, 'hook-key', 'v2');
    expect((await store.get(tenant, 'hook-key'))?.value).toBe('v2');
    const listed = await store.list(tenant);
    expect(listed.map((s) => s.name)).toEqual(['api-token', 'hook-key']);
    expect(JSON.stringify(listed)).not.toMatch(/v2|tok"/);
    expect(await store.delete(tenant, 'hook-key')).toBe(true);
    expect(await store.delete(tenant, 'hook-key')).toBe(false);
    expect(await store.get(tenant, 'hook-key')).toBeUndefined();
    expect((await store.list(tenant)).map((s) => s.name)).toEqual(['api-token']);
  });

  it('keeps each tenant in its own namespace', async () => {
    const [a, b] = [uniqueName('a'), uniqueName('b')];
    await store.put(a, 'shared-name', 'of-a');
    expect(await store.get(b, 'shared-name')).toBeUndefined();
    expect(await store.list(b)).toEqual([]);
    await store.put(b, 'shared-name', 'of-b');
    expect((await store.get(a, 'shared-name'))?.value).toBe('of-a');
    expect(await store.delete(b, 'other')).toBe(false);
  });

  it('sets a deleted name again', async () => {
    const tenant = uniqueName('t');
    await store.put(tenant, 'again', 'first');
    await store.delete(tenant, 'again');
    await store.put(tenant, 'again', 'second');
    expect((await store.get(tenant, 'again'))?.value).toBe('second');
  });
});

describe('Key Vault tenant secret store (against a loopback fake of the Key Vault REST API)', () => {
  it('writes under the tenant prefix only and never reaches the service secrets or another prefix', async () => {
    const store = keyVaultStore();
    vault.secrets.set('event-trigger-key', { value: 'service-own', updated: 1 });
    const tenant = uniqueName('t');
    await store.put(tenant, 'db-password', 'pw');
    const written = [...vault.secrets.keys()].filter((k) => k.endsWith('-db-password'));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^t-[0-9a-f]{16}-db-password$/);
    expect(await store.get(tenant, 'event-trigger-key')).toBeUndefined();
    // Another tenant's full vault name, given as a name, stays inside the caller's prefix.
    expect(await store.get(uniqueName('other'), written[0]!)).toBeUndefined();
    expect((await store.list(tenant)).map((s) => s.name)).toEqual(['db-password']);
  });

  it('lists across pages, with the update time the vault reports', async () => {
    const store = keyVaultStore();
    const tenant = uniqueName('t');
    for (const name of ['a1', 'a2', 'a3', 'a4', 'a5']) await store.put(tenant, name, name);
    const listed = await store.list(tenant);
    expect(listed.map((s) => s.name)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(listed[0]!.updatedAt).toMatch(/^20\d\d-/);
    expect(vault.received.some((r) => r.path.includes('$skiptoken'))).toBe(true);
  });

  it('lists from the Table storage index as wired, without walking the whole vault', async () => {
    const store = createIndexedTenantSecretStore(testTables(), keyVaultStore());
    const tenant = uniqueName('t');
    await store.put(tenant, 'indexed', 'v');
    const before = vault.received.length;
    expect((await store.list(tenant)).map((s) => s.name)).toEqual(['indexed']);
    expect(vault.received.length).toBe(before);
  });

  it('reuses a value for the cache TTL, reads it again after, and forgets it when this instance changes it', async () => {
    const store = keyVaultStore(60_000);
    const tenant = uniqueName('t');
    await store.put(tenant, 'cached', 'one');
    const vaultName = [...vault.secrets.keys()].find((k) => k.endsWith('-cached'))!;
    const reads = () => vault.valueReads(vaultName);
    expect((await store.get(tenant, 'cached'))?.value).toBe('one');
    expect((await store.get(tenant, 'cached'))?.value).toBe('one');
    expect(reads()).toBe(1);
    // Rotated elsewhere (another instance): seen once the TTL is over.
    vault.secrets.set(vaultName, { value: 'two', updated: 2 });
    expect((await store.get(tenant, 'cached'))?.value).toBe('one');
    now = new Date(now.getTime() + 61_000);
    expect((await store.get(tenant, 'cached'))?.value).toBe('two');
    expect(reads()).toBe(2);
    await store.put(tenant, 'cached', 'three');
    expect((await store.get(tenant, 'cached'))?.value).toBe('three');
    await store.delete(tenant, 'cached');
    expect(await store.get(tenant, 'cached')).toBeUndefined();
  });

  it('answers 404 as not found and a refused token as the service being unavailable, naming no vault', async () => {
    const tenant = uniqueName('t');
    expect(await keyVaultStore().get(tenant, 'never-set')).toBeUndefined();
    const refused = createKeyVaultTenantSecretStore({
      client: createKeyVaultClient({
        vaultUrl: vault.base,
        credential: { getToken: () => Promise.resolve({ token: 'wrong', expiresOnTimestamp: Infinity }) },
        clock,
      }),
      clock,
      cacheTtlMs: 0,
    });
    const err = await refused.get(tenant, 'x').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect((err as Error).message).not.toContain('127.0.0.1');
  });
});
