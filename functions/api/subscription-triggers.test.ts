import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiFixture, type ApiFixture, admin, creator, viewer, type Caller } from './testing/api-fixture';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(() =>
    Promise.all([import('./subscriptions.js'), import('./subscription-triggers.js')]),
  );
});
afterAll(() => api.close());

const callbackUrl =
  'https://prod-03.westus.logic.azure.com:443/workflows/c4ed9335/triggers/manual/paths/invoke' +
  '?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=SECRETSIGVALUE123';

const subscribeTo = (event: string, as: Caller, body: unknown = { url: callbackUrl }) =>
  api.call('subscribeToEvent', {
    method: 'POST',
    path: `/api/v1/events/${event}/subscriptions`,
    params: { event },
    as,
    body,
  });

describe('a subscription to one event type (one path per connector webhook trigger)', () => {
  it('201 with the secret once and an absolute Location whose DELETE unsubscribes', async () => {
    const tenant = api.tenant();
    const res = await subscribeTo('delivery.failed', creator(tenant));
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ events: ['delivery.failed'], createdBy: 'alice' });
    expect(res.json.secret).toMatch(/^whsec_/);
    expect(res.text).not.toContain('SECRETSIGVALUE123');
    const location = new URL(res.headers.location!);
    expect(location.pathname).toBe(`/api/v1/subscriptions/${res.json.id}`);
    const id = res.json.id as string;
    const del = await api.call('deleteSubscription', {
      method: 'DELETE',
      path: location.pathname,
      params: { id },
      as: creator(tenant),
    });
    expect(del.status).toBe(204);
  });

  it('refuses an unknown event, an events field (the path says it) and viewers', async () => {
    const tenant = api.tenant();
    expect((await subscribeTo('run.exploded', admin(tenant))).json.error.details.field).toBe('event');
    const extra = await subscribeTo('run.failed', admin(tenant), {
      url: callbackUrl,
      events: ['run.succeeded'],
    });
    expect(extra.status).toBe(400);
    expect((await subscribeTo('run.failed', viewer(tenant))).status).toBe(403);
  });
});
