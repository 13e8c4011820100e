import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiFixture, type ApiFixture, type Caller, admin, creator, viewer } from './testing/api-fixture';

// GET / PATCH /api/v1/tenant over Azurite: created on first use, ETag / If-Match, the tier's bounds, audit.
let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(() => Promise.all([import('./tenant.js'), import('./audit-events.js')]));
});
afterAll(() => api.close());

const get = (as: Caller) => api.call('getTenant', { path: '/api/v1/tenant', as });
const patch = (as: Caller, body: unknown, ifMatch?: string) =>
  api.call('patchTenant', {
    method: 'PATCH',
    path: '/api/v1/tenant',
    as,
    body,
    headers: ifMatch ? { 'if-match': ifMatch } : {},
  });

describe('GET /api/v1/tenant', () => {
  it('creates the record on first use with the default tier, active, and the tier limits', async () => {
    const t = api.tenant();
    const res = await get(admin(t));
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBeTruthy();
    expect(res.json).toMatchObject({
      id: t,
      displayName: t,
      tier: 'standard',
      status: 'active',
      defaultTimeZone: 'UTC',
      alertEmails: [],
      retentionDays: 30,
      limits: { schedules: 50, executionsPerDay: 1000, maxRetentionDays: 30, maxConcurrentExecutions: 5 },
    });
    expect((await get(admin(t))).headers.etag).toBe(res.headers.etag);
  });

  it('is for tenant admins only', async () => {
    const t = api.tenant();
    expect((await get(creator(t))).json.error.code).toBe('FORBIDDEN');
    expect((await get(viewer(t))).status).toBe(403);
  });
});

describe('PATCH /api/v1/tenant', () => {
  it('changes the settings, answers a new ETag, refuses the stale one (412) and audits the change', async () => {
    const t = api.tenant();
    const first = await get(admin(t));
    const changed = await patch(
      admin(t),
      { displayName: 'Contoso', defaultTimeZone: 'Europe/Berlin', alertEmails: ['ops@contoso.example'] },
      first.headers.etag,
    );
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({
      displayName: 'Contoso',
      defaultTimeZone: 'Europe/Berlin',
      alertEmails: ['ops@contoso.example'],
    });
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    const stale = await patch(admin(t), { displayName: 'Lost update' }, first.headers.etag);
    expect(stale.status).toBe(412);
    expect(stale.json.error.code).toBe('PRECONDITION_FAILED');
    expect((await get(admin(t))).json.displayName).toBe('Contoso');

    const audit = await api.call('listAuditEvents', { path: '/api/v1/audit-events', as: admin(t) });
    const event = (audit.json.items as { action: string; diff: unknown }[]).find(
      (e) => e.action === 'tenant.updated',
    );
    expect(event).toMatchObject({ entityType: 'tenant', entityId: t, actorId: 'admin' });
    expect(JSON.stringify(event?.diff)).toContain('Contoso');
  });

  it("refuses settings beyond the tier's bounds, bad values and unknown fields with 400", async () => {
    const t = api.tenant();
    const tooLong = await patch(admin(t), { retentionDays: 31 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.error.code).toBe('VALIDATION_ERROR');
    expect(tooLong.json.error.details.issues).toEqual([
      { field: 'retentionDays', message: 'must be at most 30 days on the standard tier' },
    ]);
    const tooBig = await patch(admin(t), { maxAttachmentBytes: 50 * 1024 * 1024 });
    expect(tooBig.json.error.details.issues[0].field).toBe('maxAttachmentBytes');
    for (const body of [
      { defaultTimeZone: 'Mars/Olympus' },
      { alertEmails: ['not-an-email'] },
      { tier: 'enterprise' },
      { status: 'active' },
      {},
    ]) {
      const res = await patch(admin(t), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_ERROR');
    }
    expect((await patch(admin(t), { retentionDays: 7, maxAttachmentBytes: 2048 })).json).toMatchObject({
      retentionDays: 7,
      maxAttachmentBytes: 2048,
    });
  });

  it("changes only the caller's tenant; other roles are refused", async () => {
    const [a, b] = [api.tenant(), api.tenant()];
    await patch(admin(a), { displayName: 'A only' });
    expect((await get(admin(b))).json.displayName).toBe(b);
    expect((await patch(creator(a), { displayName: 'x' })).status).toBe(403);
  });
});
