import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../../shared/adapters/auth/jose-token-verifier';
import {
  authorizeQuery,
  newVerifier,
  postSignIn,
  postTokenForm,
  startIssuerServer,
  type IssuerServer,
} from './testing/issuer-server';

let s: IssuerServer;
beforeAll(async () => (s = await startIssuerServer()));
afterAll(() => s.close());

const redirectUri = 'http://app.test:8080/auth/callback';

/** Signs in through the form and returns the code the browser would carry back. */
async function codeFor(verifier: string, user = { tenant: 'acme', user: 'ann', roles: ['report_creator'] }) {
  const res = await postSignIn(s.base, authorizeQuery(verifier), user);
  return new URL(res.headers.get('location')!).searchParams.get('code')!;
}

const exchange = (code: string, verifier: string, overrides: Record<string, string> = {}) =>
  postTokenForm(s.base, {
    grant_type: 'authorization_code',
    client_id: 'report-scheduler-web',
    redirect_uri: redirectUri,
    code,
    code_verifier: verifier,
    ...overrides,
  });

interface TokenResponse {
  access_token: string;
  id_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: string;
}

const expectOAuthError = async (res: Response, error: string) => {
  expect(res.status).toBe(error === 'invalid_client' ? 401 : 400);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(await res.json()).toMatchObject({ error, error_description: expect.any(String) });
};

describe('dev issuer: token endpoint (authorization code + PKCE)', () => {
  it('exchanges a code and its verifier for an access token the API accepts, an id token with the nonce and a refresh token', async () => {
    const verifier = newVerifier();
    const res = await exchange(await codeFor(verifier), verifier);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as TokenResponse;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const api = createTokenVerifier({
      issuer: s.base,
      audience: 'report-scheduler',
      jwksUrl: s.issuer.jwksUri,
      algorithms: ['RS256'],
    });
    expect(await api.verify(body.access_token)).toEqual({
      tenantId: 'acme',
      userId: 'ann',
      roles: ['report_creator'],
    });
    expect(decodeJwt(body.id_token)).toMatchObject({
      iss: s.base,
      aud: 'report-scheduler-web',
      sub: 'ann',
      nonce: 'n-1',
      tid: 'acme',
      roles: ['report_creator'],
    });
    await expect(api.verify(body.refresh_token)).rejects.toThrow();
  });

  it('refuses a wrong verifier, and the code is spent by the attempt', async () => {
    const verifier = newVerifier();
    const code = await codeFor(verifier);
    await expectOAuthError(await exchange(code, newVerifier()), 'invalid_grant');
    await expectOAuthError(await exchange(code, verifier), 'invalid_grant');
  });

  it('refuses a code used twice', async () => {
    const verifier = newVerifier();
    const code = await codeFor(verifier);
    expect((await exchange(code, verifier)).status).toBe(200);
    await expectOAuthError(await exchange(code, verifier), 'invalid_grant');
  });

  it('refuses a code presented with another redirect_uri or client', async () => {
    const verifier = newVerifier();
    await expectOAuthError(
      await exchange(await codeFor(verifier), verifier, { redirect_uri: 'http://app.test:8080/other' }),
      'invalid_grant',
    );
    await expectOAuthError(
      await exchange(await codeFor(verifier), verifier, { client_id: 'other' }),
      'invalid_client',
    );
  });

  it('refuses a code after its 60 seconds', async () => {
    const verifier = newVerifier();
    const code = await codeFor(verifier);
    s.advance(61);
    await expectOAuthError(await exchange(code, verifier), 'invalid_grant');
  });

  it('renews silently with the refresh token; a forged or access token is no refresh token', async () => {
    const verifier = newVerifier();
    const first = (await (await exchange(await codeFor(verifier), verifier)).json()) as TokenResponse;
    const refresh = (token: string) =>
      postTokenForm(s.base, {
        grant_type: 'refresh_token',
        client_id: 'report-scheduler-web',
        refresh_token: token,
      });
    const res = await refresh(first.refresh_token);
    expect(res.status).toBe(200);
    const renewed = (await res.json()) as TokenResponse;
    expect(decodeJwt(renewed.access_token)).toMatchObject({
      sub: 'ann',
      tid: 'acme',
      roles: ['report_creator'],
    });
    expect(renewed.access_token).not.toBe(first.access_token);
    await expectOAuthError(await refresh(first.access_token), 'invalid_grant');
    await expectOAuthError(await refresh(`${first.refresh_token.slice(0, -4)}AAAA`), 'invalid_grant');
  });

  it('answers malformed requests with OAuth errors', async () => {
    await expectOAuthError(
      await postTokenForm(s.base, { grant_type: 'password', client_id: 'report-scheduler-web' }),
      'unsupported_grant_type',
    );
    await expectOAuthError(
      await postTokenForm(s.base, { grant_type: 'authorization_code', client_id: 'report-scheduler-web' }),
      'invalid_request',
    );
    const json = await fetch(`${s.base}/api/v1/dev/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await expectOAuthError(json, 'invalid_request');
  });
});
