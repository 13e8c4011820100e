import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizeQuery,
  newVerifier,
  postSignIn,
  startIssuerServer,
  type IssuerServer,
} from './testing/issuer-server';

let s: IssuerServer;
beforeAll(async () => (s = await startIssuerServer()));
afterAll(() => s.close());

const getAuthorize = (query: URLSearchParams) =>
  fetch(`${s.base}/api/v1/dev/oidc/authorize?${query.toString()}`, { redirect: 'manual' });

describe('dev issuer: authorization endpoint', () => {
  it('lists the code flow in its discovery document', async () => {
    const discovery = await (await fetch(`${s.base}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({
      issuer: s.base,
      authorization_endpoint: `${s.base}/api/v1/dev/oidc/authorize`,
      token_endpoint: `${s.base}/api/v1/dev/oidc/token`,
      end_session_endpoint: `${s.base}/api/v1/dev/oidc/logout`,
      jwks_uri: `${s.base}/.well-known/jwks.json`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
    });
  });

  it('shows a labelled sign-in form with no script, carrying the request in hidden fields', async () => {
    const res = await getAuthorize(authorizeQuery(newVerifier()));
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/form-action 'self' http:\/\/app\.test:8080/);
    expect(csp).not.toContain('script-src');
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    for (const id of ['tenant', 'user']) expect(html).toContain(`<label for="${id}">`);
    expect(html).toContain('<legend>Roles</legend>');
    for (const role of ['tenant_admin', 'report_creator', 'viewer'])
      expect(html).toContain(`name="roles" value="${role}"`);
    expect(html).toContain('<input type="hidden" name="state" value="st-1">');
  });

  it('refuses an unknown client or redirect_uri with a page, never a redirect', async () => {
    for (const overrides of [
      { client_id: 'someone-else' },
      { redirect_uri: 'http://evil.test/auth/callback' },
      { redirect_uri: 'http://app.test:8081/auth/callback' },
      { redirect_uri: undefined },
    ]) {
      const res = await getAuthorize(authorizeQuery(newVerifier(), overrides));
      expect(res.status, JSON.stringify(overrides)).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('refused');
    }
  });

  it('sends a bad request from a known client back to it as invalid_request with its state', async () => {
    for (const overrides of [
      { code_challenge: undefined },
      { code_challenge_method: 'plain' },
      { response_type: 'token' },
      { scope: 'profile' },
    ]) {
      const res = await getAuthorize(authorizeQuery(newVerifier(), overrides));
      expect(res.status, JSON.stringify(overrides)).toBe(302);
      const location = new URL(res.headers.get('location')!);
      expect(location.origin + location.pathname).toBe('http://app.test:8080/auth/callback');
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.get('state')).toBe('st-1');
      expect(location.searchParams.get('code')).toBeNull();
    }
  });

  it('redirects the signed-in form to the client with a code and the state', async () => {
    const res = await postSignIn(s.base, authorizeQuery(newVerifier()), {
      tenant: 'acme',
      user: 'ann',
      roles: ['viewer'],
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('st-1');
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('shows the form again with field errors for a bad tenant or no role', async () => {
    const res = await postSignIn(s.base, authorizeQuery(newVerifier()), {
      tenant: 'a c',
      user: 'ann',
      roles: [],
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="tenant-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('id="roles-error"');
    expect(html).toContain('value="a c"');
  });

  it('re-checks the request fields on submit: a tampered redirect_uri gets no code', async () => {
    const query = authorizeQuery(newVerifier(), { redirect_uri: 'http://evil.test/cb' });
    const res = await postSignIn(s.base, query, { tenant: 'acme', user: 'ann', roles: ['viewer'] });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });

  it('answers cancel with access_denied', async () => {
    const res = await postSignIn(s.base, authorizeQuery(newVerifier()), {
      tenant: 'acme',
      user: 'ann',
      roles: ['viewer'],
      action: 'cancel',
    });
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('logs out to an allowed post_logout_redirect_uri only', async () => {
    const logout = (target: string) =>
      fetch(
        `${s.base}/api/v1/dev/oidc/logout?${new URLSearchParams({ post_logout_redirect_uri: target, state: 'bye' }).toString()}`,
        { redirect: 'manual' },
      );
    const ok = await logout('http://app.test:8080/');
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe('http://app.test:8080/?state=bye');
    const refused = await logout('http://evil.test/');
    expect(refused.status).toBe(400);
    expect(refused.headers.get('location')).toBeNull();
  });
});
