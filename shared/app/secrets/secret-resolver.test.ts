import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createOperatorTenantSecrets } from '../../adapters/secrets/operator-tenant-secrets';
import { createTableTenantSecretStore } from '../../adapters/secrets/table-tenant-secret-store';
import { createTableService } from '../../adapters/table/table-service';
import { testConnectionString, uniqueName } from '../../../test/support/storage';
import { createSecretBox } from '../event-triggers/secret-box';
import { createSecretResolver } from './secret-resolver';

const store = () =>
  createTableTenantSecretStore(
    createTableService({ connectionString: testConnectionString() }, { prefix: uniqueName('res') }),
    createSecretBox(randomBytes(32)),
    () => new Date(),
  );

describe('secret resolver', () => {
  it("reads the tenant's stored secret, else the operator's TENANT_SECRET_<tenant>__<NAME>, for that tenant only", async () => {
    const secrets = store();
    const operator = createOperatorTenantSecrets({
      TENANT_SECRET_acme__PG_PASSWORD: 'from-operator',
      TENANT_SECRET_acme__b__HOOK: 'of-tenant-acme__b',
      TENANT_SECRET_acme__SHARED: 'operator-shared',
    });
    const resolver = createSecretResolver({ store: secrets, operator });
    await secrets.put('acme', 'api-token', 'stored');
    await expect(resolver.resolve('acme', 'secret:api-token')).resolves.toBe('stored');
    await expect(resolver.resolve('acme', 'secret:PG-Password')).resolves.toBe('from-operator');
    await expect(resolver.resolve('acme', 'keyvault:pg-password')).resolves.toBe('from-operator');
    await expect(resolver.resolve('acme__b', 'secret:hook')).resolves.toBe('of-tenant-acme__b');
    // The same names in other tenants, and tenant ids that would splice into the same setting, find nothing.
    for (const [tenant, ref] of [
      ['other', 'secret:api-token'],
      ['other', 'secret:pg-password'],
      ['acme', 'secret:b-hook'],
      ['acme__b', 'secret:pg-password'],
    ] as const)
      await expect(resolver.resolve(tenant, ref), `${tenant} ${ref}`).rejects.toMatchObject({
        code: 'SECRET_NOT_FOUND',
        retryable: false,
      });
    expect(operator.names('acme')).toEqual(['pg-password', 'shared']);
  });

  it('never resolves a stored reference of another form, and its message names no setting or value', async () => {
    const resolver = createSecretResolver({ store: store(), operator: createOperatorTenantSecrets({}) });
    const refused: Error[] = [];
    for (const ref of ['env:PATH', 'env:NO_SUCH_SETTING', 'hunter2-raw-value', 'secret:../x'])
      refused.push((await resolver.resolve('acme', ref).catch((e: Error) => e)) as Error);
    for (const err of refused) {
      expect(err).toMatchObject({ code: 'SECRET_NOT_FOUND', retryable: false });
      expect(err.message).toBe(refused[0]!.message);
      expect(JSON.stringify({ m: err.message, d: (err as { details?: unknown }).details })).not.toMatch(
        /PATH|NO_SUCH|hunter2|\.\./,
      );
    }
    const missing = (await resolver.resolve('acme', 'secret:db').catch((e: Error) => e)) as Error;
    expect(missing).toMatchObject({
      message: 'The secret "db" is not set for this tenant',
      details: { suggestedFix: 'Create it with PUT /api/v1/secrets/db (tenant admins).' },
    });
  });
});
