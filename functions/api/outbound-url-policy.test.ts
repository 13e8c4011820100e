import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/domain/errors';
import { createOutboundHttpClient } from '../../shared/adapters/http/outbound-http-client';
import { createOutboundPolicy } from '../../shared/adapters/http/outbound-policy';
import {
  CORPUS_ALLOWLISTED,
  corpusResolve,
  hostileUrls,
  needsResolution,
} from '../../shared/adapters/http/testing/hostile-urls';
import { startApiFixture, admin, type ApiFixture } from './testing/api-fixture';

// One corpus, two places: what the send-time SSRF guard refuses, every save of a URL refuses (400), except
// names that only turn out internal when resolved — refused at send, where they are resolved.
let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(
    () =>
      Promise.all([
        import('./delivery-targets.js'),
        import('./subscriptions.js'),
        import('./data-sources.js'),
      ]),
    { settings: { OUTBOUND_ALLOWLIST: CORPUS_ALLOWLISTED } },
  );
});
afterAll(() => api.close());

const guard = createOutboundHttpClient({
  policy: createOutboundPolicy({ allowlist: [CORPUS_ALLOWLISTED], resolve: corpusResolve }),
  timeoutMs: 2_000,
});

const saves = (url: string): [string, string, unknown, string][] => [
  [
    'createDeliveryTarget',
    'delivery-targets',
    { type: 'webhook', name: 'Hook', config: { url, secretRef: 'keyvault:hook-key' } },
    'config.url',
  ],
  ['createSubscription', 'subscriptions', { url, events: ['run.succeeded'] }, 'url'],
  ['createDataSource', 'data-sources', { type: 'rest', name: 'API', config: { url } }, 'config.url'],
];

describe('outbound URLs: the same policy at save and at send', () => {
  it.each(hostileUrls)(
    '%s is refused by the send guard and, unless only DNS tells, by every save',
    async (url) => {
      const sent = await guard.request(url).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(sent).toBeInstanceOf(AppError);
      expect(sent).toMatchObject({ code: 'OUTBOUND_BLOCKED' });
      if (needsResolution(url)) return;
      const as = admin(api.tenant());
      for (const [name, path, body, field] of saves(url)) {
        const res = await api.call(name, { method: 'POST', path: `/api/v1/${path}`, as, body });
        expect(res.status, `${name} ${url}: ${res.text}`).toBe(400);
        expect(JSON.stringify(res.json.error.details), name).toContain(`"field":"${field}"`);
      }
    },
  );

  it('a public https URL passes every save', async () => {
    const as = admin(api.tenant());
    for (const [name, path, body] of saves('https://hooks.example.com/in')) {
      const res = await api.call(name, { method: 'POST', path: `/api/v1/${path}`, as, body });
      expect(res.status, `${name}: ${res.text}`).toBe(201);
    }
  });
});
