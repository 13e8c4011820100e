import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiFixture, type ApiFixture, type Caller, admin, creator } from './testing/api-fixture';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(() => import('./tenant-erase.js'));
});
afterAll(() => api.close());

const erase = (as: Caller, query = '') =>
  api.call('eraseTenant', { method: 'DELETE', path: `/api/v1/tenant${query}`, as });

describe('DELETE /v1/tenant', () => {
  it('asks for confirmation first, then erases the tenant’s rows and secrets, and leaves another tenant', async () => {
    const [tenant, other] = [api.tenant(), api.tenant()];
    for (const t of [tenant, other]) await api.deps.secrets.store.put(t, 'smtp-password', 'hunter2');
    const first = await erase(admin(tenant));
    expect(first.status).toBe(200);
    const body = first.json as { status: string; confirmationToken: string };
    expect(body.status).toBe('confirmation_required');
    expect(await api.deps.secrets.store.list(tenant)).toHaveLength(1);

    const second = await erase(admin(tenant), `?confirmationToken=${body.confirmationToken}`);
    expect(second.status).toBe(200);
    expect(second.json).toMatchObject({ status: 'erased', removed: { secrets: 1 } });
    expect(await api.deps.secrets.store.list(tenant)).toEqual([]);
    expect(await api.deps.secrets.store.list(other)).toHaveLength(1);
    // The token was erased with the tenant: it cannot be used twice.
    const again = await erase(admin(tenant), `?confirmationToken=${body.confirmationToken}`);
    expect(again.status).toBe(412);
  });

  it('is for tenant admins; a wrong or malformed token is refused with the envelope', async () => {
    const tenant = api.tenant();
    expect((await erase(creator(tenant))).status).toBe(403);
    const wrong = await erase(admin(tenant), '?confirmationToken=AAAAAAAAAAAAAAAAAAAAAAAA');
    expect(wrong.status).toBe(412);
    expect((wrong.json as { error: { code: string } }).error.code).toBe('PRECONDITION_FAILED');
    const malformed = await erase(admin(tenant), '?confirmationToken=x');
    expect(malformed.status).toBe(400);
    expect((malformed.json as { error: { details: { field: string } } }).error.details.field).toBe(
      'confirmationToken',
    );
  });
});
