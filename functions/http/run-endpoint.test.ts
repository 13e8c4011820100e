import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../../shared/adapters/auth/jose-token-verifier';
import type { HttpDeps } from '../../shared/composition/http-deps';
import {
  AUDIENCE,
  envelopeProblems,
  startPipelineFixture,
  type PipelineFixture,
  type RunResult,
} from './testing/pipeline-fixture';
import { createSchedule, getReport, listReports } from './testing/sample-endpoints';

let fx: PipelineFixture;
beforeAll(async () => {
  fx = await startPipelineFixture(2048);
});
afterAll(() => fx.close());

const json = { 'content-type': 'application/json' };
const validSchedule = {
  reportId: 'r1',
  cronExpr: '0 9 * * *',
  emailDelivery: { enabled: true, recipients: ['a@example.com'] },
};

function expectEnvelope(res: RunResult, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(envelopeProblems(res)).toEqual([]);
  expect(res.json!.error.code).toBe(code);
}

const verifierWith = (overrides: { audience?: string; clock?: () => Date }): HttpDeps => ({
  ...fx.deps,
  tokenVerifier: createTokenVerifier({
    issuer: fx.deps.config.AUTH_ISSUER,
    audience: overrides.audience ?? AUDIENCE,
    jwksUrl: fx.issuer.jwksUri,
    algorithms: ['RS256'],
    ...(overrides.clock ? { clock: overrides.clock } : {}),
  }),
});

describe('endpoint pipeline: request id, auth, roles', () => {
  it('runs a valid request through to a 201 with Location, ETag, X-Request-Id and rate-limit headers', async () => {
    const res = await fx.run(createSchedule, {
      headers: { ...json, authorization: await fx.token(), 'x-request-id': 'abc-123' },
      body: JSON.stringify(validSchedule),
    });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ ...validSchedule, id: 's1', tenantId: 't1' });
    expect(res.headers).toMatchObject({
      'X-Request-Id': 'abc-123',
      Location: '/api/v1/schedules/s1',
      ETag: '"v1"',
    });
    expect(res.headers['X-RateLimit-Limit']).toBe('1000');
  });

  it('replaces an insane x-request-id with a UUID', async () => {
    const res = await fx.run(createSchedule, { headers: { 'x-request-id': 'bad id <script>' } });
    expectEnvelope(res, 401, 'UNAUTHENTICATED');
    expect(res.headers['X-Request-Id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('401 for a missing, non-bearer or malformed token, with the reason and no rate-limit headers', async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, 'missing'],
      [{ authorization: 'Basic dTpw' }, 'malformed'],
      [{ authorization: 'Bearer not.a.token' }, 'malformed'],
    ];
    for (const [headers, reason] of cases) {
      const res = await fx.run(createSchedule, { headers: { ...json, ...headers }, body: '{}' });
      expectEnvelope(res, 401, 'UNAUTHENTICATED');
      expect(res.json!.error.details.reason).toBe(reason);
      expect(res.headers['X-RateLimit-Limit']).toBeUndefined();
    }
  });

  it('401 for an expired token and for a token meant for another audience', async () => {
    const call = { method: 'GET', url: 'v1/reports' };
    const later = verifierWith({ clock: () => new Date(Date.now() + 2 * 3600_000) });
    const expired = await fx.run(
      listReports,
      { ...call, headers: { authorization: await fx.token() } },
      later,
    );
    expectEnvelope(expired, 401, 'UNAUTHENTICATED');
    expect(expired.json!.error.details.reason).toBe('expired');
    const other = await fx.run(
      listReports,
      { ...call, headers: { authorization: await fx.token() } },
      verifierWith({ audience: 'other-api' }),
    );
    expect(other.json!.error.details.reason).toBe('wrong_audience');
  });

  it('403 when no role of the token is allowed (rate-limit headers still present)', async () => {
    const res = await fx.run(createSchedule, {
      headers: { ...json, authorization: await fx.token(['viewer']) },
      body: JSON.stringify(validSchedule),
    });
    expectEnvelope(res, 403, 'FORBIDDEN');
    expect(res.headers['X-RateLimit-Remaining']).toBeDefined();
  });

  it('403 on an endpoint that declares no roles when the token carries no known role', async () => {
    const call = { method: 'GET', url: 'v1/reports', headers: { authorization: await fx.token(['viewer']) } };
    // A verified token whose roles are all unknown: principalFromClaims keeps none of them.
    const roleless: HttpDeps = {
      ...fx.deps,
      tokenVerifier: { verify: () => Promise.resolve({ tenantId: 't1', userId: 'u1', roles: [] }) },
    };
    expectEnvelope(await fx.run(listReports, call, roleless), 403, 'FORBIDDEN');
    expect((await fx.run(listReports, call)).status).toBe(200);
  });
});

describe('endpoint pipeline: body and validation', () => {
  it('400 MALFORMED_JSON for a body that does not parse', async () => {
    const res = await fx.run(createSchedule, {
      headers: { ...json, authorization: await fx.token() },
      body: '{"reportId": "r1",',
    });
    expectEnvelope(res, 400, 'MALFORMED_JSON');
  });

  it('400 VALIDATION_ERROR naming unknown fields, bad array items and wrong types', async () => {
    const auth = await fx.token();
    const post = (body: unknown) =>
      fx.run(createSchedule, { headers: { ...json, authorization: auth }, body: JSON.stringify(body) });

    const nested = await post({
      ...validSchedule,
      emailDelivery: { ...validSchedule.emailDelivery, cc: ['x'] },
    });
    expectEnvelope(nested, 400, 'VALIDATION_ERROR');
    expect(nested.json!.error.details).toMatchObject({ location: 'body', field: 'emailDelivery.cc' });
    expect(nested.headers['X-RateLimit-Limit']).toBe('1000');

    expect((await post({ ...validSchedule, tenantId: 'other' })).json!.error.details.field).toBe('tenantId');

    const badEmail = await post({
      ...validSchedule,
      emailDelivery: { enabled: true, recipients: ['a@example.com', 'nope'] },
    });
    expect(badEmail.json!.error.details.field).toBe('emailDelivery.recipients[1]');
    expect(badEmail.json!.error.details.issues[0]).toMatchObject({
      field: 'emailDelivery.recipients[1]',
      code: 'invalid_format',
    });

    const wrongType = await post({ ...validSchedule, cronExpr: 5 });
    expect(wrongType.json!.error.details).toMatchObject({
      field: 'cronExpr',
      issues: [{ code: 'invalid_type' }],
    });

    expectEnvelope(
      await fx.run(createSchedule, { headers: { authorization: auth } }),
      400,
      'VALIDATION_ERROR',
    );
  });

  it('400 for invalid route params and unknown query parameters', async () => {
    const auth = await fx.token();
    const badParam = await fx.run(getReport, {
      method: 'GET',
      url: 'v1/reports/x',
      params: { id: 'x' },
      headers: { authorization: auth },
    });
    expect(badParam.json!.error.details).toMatchObject({ location: 'params', field: 'id' });
    const badQuery = await fx.run(listReports, {
      method: 'GET',
      url: 'v1/reports?limit=5&sort=name',
      headers: { authorization: auth },
    });
    expect(badQuery.json!.error.details).toMatchObject({ location: 'query', field: 'sort' });
  });

  it('415 for a body that is not JSON', async () => {
    const res = await fx.run(createSchedule, {
      headers: { 'content-type': 'text/plain', authorization: await fx.token() },
      body: 'hello',
    });
    expectEnvelope(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('413 for a body over MAX_REQUEST_BYTES, declared or streamed; exactly the limit passes', async () => {
    const auth = await fx.token();
    const post = (body: string, headers: Record<string, string> = {}) =>
      fx.run(createSchedule, { headers: { ...json, authorization: auth, ...headers }, body });
    const streamed = await post(JSON.stringify({ ...validSchedule, cronExpr: 'x'.repeat(3000) }));
    expectEnvelope(streamed, 413, 'PAYLOAD_TOO_LARGE');
    expect(streamed.json!.error.details).toEqual({ maxBytes: 2048 });
    expectEnvelope(await post('{}', { 'content-length': '999999' }), 413, 'PAYLOAD_TOO_LARGE');
    const room = 2048 - JSON.stringify({ ...validSchedule, cronExpr: '' }).length;
    const justFits = JSON.stringify({ ...validSchedule, cronExpr: 'x'.repeat(room) });
    expect(Buffer.byteLength(justFits)).toBe(2048);
    expect((await post(justFits)).status).toBe(201);
  });
});
