import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAxe } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { screenshot } from './support/screenshot';
import { AUTHORIZE_PATH, submitSignInForm } from './support/sign-in';
import { webHostUrl } from './support/web-host';

let browser: Browser;
let page: Page;
const base = webHostUrl();
/** The app as a browser opened at `localhost` sees it: the issuer (127.0.0.1) is then another origin. */
const appOrigin = base.replace('127.0.0.1', 'localhost');

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await newPage(browser));
});
afterAll(async () => {
  await browser?.close();
});

function authorizeUrl(verifier: string, state: string): string {
  const query = new URLSearchParams({
    client_id: 'report-scheduler-web',
    redirect_uri: `${appOrigin}/auth/callback`,
    response_type: 'code',
    scope: 'openid profile',
    state,
    nonce: 'harness-nonce',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  return `${base}${AUTHORIZE_PATH}?${query.toString()}`;
}

describe('web platform in real Chromium against the real host', () => {
  it('shows an axe-clean sign-in form and runs the PKCE round trip to an API call', async () => {
    const verifier = randomBytes(32).toString('base64url');
    await page.goto(authorizeUrl(verifier, 'harness-state'));
    await expectNoSeriousAxe(page);
    const shots = await screenshot(page, 'sign-in');
    expect(shots.every((f) => fs.statSync(f).size > 1000)).toBe(true);

    await submitSignInForm(page, { tenant: 'demo', user: 'harness', roles: ['viewer'] });
    await page.waitForURL((url) => url.origin === appOrigin && url.pathname === '/auth/callback');
    const callback = new URL(page.url());
    expect(callback.searchParams.get('state')).toBe('harness-state');
    const code = callback.searchParams.get('code');
    expect(code).toBeTruthy();

    // The token exchange and an API call from the app's page, as oidc-client-ts does them: the
    // page's CSP (connect-src 'self' + the authority) and the issuer's CORS must both let it through.
    const result = await page.evaluate(
      async ({ tokenUrl, code, verifier, redirectUri }) => {
        const tokenRes = await fetch(tokenUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            client_id: 'report-scheduler-web',
            code,
            code_verifier: verifier,
            redirect_uri: redirectUri,
          }),
        });
        const tokens = (await tokenRes.json()) as { access_token: string; id_token: string };
        const api = await fetch('/api/v1/reports', {
          headers: { authorization: `Bearer ${tokens.access_token}` },
        });
        return { token: tokenRes.status, idToken: tokens.id_token, api: api.status };
      },
      {
        tokenUrl: `${base}/api/v1/dev/oidc/token`,
        code: code!,
        verifier,
        redirectUri: `${appOrigin}/auth/callback`,
      },
    );
    expect(result.token).toBe(200);
    expect(result.api).toBe(200);
    const idClaims = JSON.parse(Buffer.from(result.idToken.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(idClaims).toMatchObject({
      sub: 'harness',
      tid: 'demo',
      roles: ['viewer'],
      nonce: 'harness-nonce',
    });
  });

  it('serves the app shell with the security headers, and Chromium enforces its CSP', async () => {
    // The app's own scripts are held back: signed out, the app would navigate to the sign-in form while the
    // probe below runs. The document and the policy it was served with are what is under test.
    await page.route('**/assets/*.js', (route) => route.abort());
    const res = await page.goto(`${base}/runs`);
    const headers = res!.headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain(`connect-src 'self' ${base}`);
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');

    // An inline script added at run time must be refused by the policy the page was served with.
    const blocked = await page.evaluate(`new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) =>
        resolve({ directive: e.violatedDirective, ran: window.__inlineRan === true }), { once: true });
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
    })`);
    expect(blocked).toEqual({ directive: 'script-src-elem', ran: false });
    await page.unroute('**/assets/*.js');

    const config = await (await fetch(`${base}/config.json`)).json();
    expect(config).toEqual({
      apiBaseUrl: '/api/v1',
      authority: base,
      clientId: 'report-scheduler-web',
      scopes: 'openid profile',
    });
  });
});
