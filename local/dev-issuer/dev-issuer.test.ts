import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createTokenVerifier } from '../../shared/adapters/auth/jose-token-verifier';
import { createDevIssuer, type DevIssuer } from './dev-issuer';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-issuer-'));
let server: http.Server;
let base: string;
let issuer: DevIssuer;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    void issuer.handle(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end('other route');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  issuer = await createDevIssuer({ dataDir, issuer: `${base}/`, audience: 'report-scheduler' });
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const postToken = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${base}/api/v1/dev/token`, { method: 'POST', headers, body });

describe('dev issuer', () => {
  it('serves discovery and a JWKS with one RS256 key', async () => {
    const discovery = (await (await fetch(`${base}/.well-known/openid-configuration`)).json()) as Record<
      string,
      string
    >;
    expect(discovery).toMatchObject({
      issuer: `${base}/`,
      jwks_uri: `${base}/.well-known/jwks.json`,
      // The OAuth token endpoint of the code flow; the JSON dev token endpoint stays beside it.
      token_endpoint: `${base}/api/v1/dev/oidc/token`,
    });
    const jwks = (await (await fetch(discovery.jwks_uri!)).json()) as { keys: Record<string, string>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('mints tokens the API verifier accepts', async () => {
    const res = await postToken(
      JSON.stringify({ tenantId: 'acme', userId: 'ann', roles: ['report_creator'], tier: 'premium' }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accessToken: string; expiresIn: number; tokenType: string };
    expect(body).toMatchObject({ expiresIn: 3600, tokenType: 'Bearer' });
    const verifier = createTokenVerifier({
      issuer: `${base}/`,
      audience: 'report-scheduler',
      jwksUrl: issuer.jwksUri,
      algorithms: ['RS256'],
    });
    // The tier claim is minted but ignored: the tenant record's tier decides limits (principal.ts).
    expect(await verifier.verify(body.accessToken)).toEqual({
      tenantId: 'acme',
      userId: 'ann',
      roles: ['report_creator'],
    });
  });

  it('validates the token request strictly, answering the error envelope', async () => {
    const res = await postToken(
      JSON.stringify({ tenantId: 'acme', userId: 'ann', roles: ['viewer'], admin: true }),
      {
        'content-type': 'application/json',
        'x-request-id': 'req-42',
      },
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('x-request-id')).toBe('req-42');
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      requestId: 'req-42',
      details: { field: 'admin' },
    });
    expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message', 'requestId', 'timestamp']);

    expect(
      (await postToken(JSON.stringify({ tenantId: 'acme', userId: 'ann', roles: ['god'] }))).status,
    ).toBe(400);
    expect((await postToken('{"tenantId":')).status).toBe(400);
    expect((await postToken('{}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await fetch(`${base}/api/v1/dev/token`)).status).toBe(405);
  });

  it('leaves other routes to the host', async () => {
    const res = await fetch(`${base}/api/v1/reports`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('other route');
  });

  it('keeps its key across restarts (same kid, old tokens still verify)', async () => {
    const again = await createDevIssuer({ dataDir, issuer: `${base}/`, audience: 'report-scheduler' });
    const { accessToken } = await again.mintToken({ tenantId: 'acme', userId: 'bob', roles: ['viewer'] });
    const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    expect(JSON.parse(Buffer.from(accessToken.split('.')[0]!, 'base64url').toString()).kid).toBe(
      jwks.keys[0]!.kid,
    );
    expect(fs.statSync(path.join(dataDir, 'dev-issuer-rs256.pem')).mode & 0o077).toBe(0);
  });
});
