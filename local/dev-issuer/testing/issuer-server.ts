import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createDevIssuer, type DevIssuer, type DevIssuerOptions } from '../dev-issuer';
import { challengeOf } from '../pkce';

export interface IssuerServer {
  base: string;
  issuer: DevIssuer;
  /** Moves the issuer's clock (code expiry) forward. */
  advance(seconds: number): void;
  close(): Promise<void>;
}

/** The dev issuer behind a real HTTP server on a free port, with a clock the test moves. */
export async function startIssuerServer(options: Partial<DevIssuerOptions> = {}): Promise<IssuerServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-issuer-'));
  let offsetMs = 0;
  const holder: { issuer?: DevIssuer } = {};
  const server = http.createServer((req, res) => {
    void holder.issuer!.handle(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end('other route');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = (holder.issuer = await createDevIssuer({
    dataDir,
    issuer: base,
    audience: 'report-scheduler',
    client: { clientId: 'report-scheduler-web', redirectOrigins: ['http://app.test:8080'] },
    clock: () => new Date(Date.now() + offsetMs),
    ...options,
  }));
  return {
    base,
    issuer,
    advance: (seconds) => void (offsetMs += seconds * 1000),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const newVerifier = () => randomBytes(32).toString('base64url');

/** The query of a well-formed authorization request from the web app, overridable per field. */
export function authorizeQuery(verifier: string, overrides: Record<string, string | undefined> = {}) {
  const params: Record<string, string | undefined> = {
    client_id: 'report-scheduler-web',
    redirect_uri: 'http://app.test:8080/auth/callback',
    response_type: 'code',
    scope: 'openid profile',
    state: 'st-1',
    nonce: 'n-1',
    code_challenge: challengeOf(verifier),
    code_challenge_method: 'S256',
    ...overrides,
  };
  return new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Submits the sign-in form as a browser would (hidden request fields + the user's choices). */
export async function postSignIn(
  base: string,
  query: URLSearchParams,
  user: { tenant: string; user: string; roles: string[]; action?: string },
): Promise<Response> {
  const form = new URLSearchParams(query);
  form.set('tenant', user.tenant);
  form.set('user', user.user);
  for (const role of user.roles) form.append('roles', role);
  form.set('action', user.action ?? 'sign-in');
  return fetch(`${base}/api/v1/dev/oidc/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
}

export function postTokenForm(base: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${base}/api/v1/dev/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
}
