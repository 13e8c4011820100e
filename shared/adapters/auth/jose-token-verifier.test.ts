import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT, exportJWK, type JWTPayload } from 'jose';
import type { AppError } from '../../domain/errors';
import { createTokenVerifier } from './jose-token-verifier';

const ISSUER = 'https://issuer.test/';
const AUDIENCE = 'report-scheduler';
let server: http.Server;
let jwksUrl: string;
let signing: { privateKey: KeyObject; publicKey: KeyObject };
let other: { privateKey: KeyObject; publicKey: KeyObject };

beforeAll(async () => {
  signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(await exportJWK(signing.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const now = () => Math.floor(Date.now() / 1000);
const verifier = () =>
  createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl, algorithms: ['RS256'] });

function sign(
  claims: JWTPayload,
  options: { key?: KeyObject; kid?: string; iss?: string; aud?: string } = {},
) {
  return new SignJWT({ tid: 't1', roles: ['viewer'], ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'k1' })
    .setSubject('u1')
    .setIssuer(options.iss ?? ISSUER)
    .setAudience(options.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(typeof claims.exp === 'number' ? claims.exp : now() + 300)
    .sign(options.key ?? signing.privateKey);
}

async function reason(token: string): Promise<unknown> {
  try {
    await verifier().verify(token);
    return 'accepted';
  } catch (err) {
    const error = err as AppError;
    return error.code === 'UNAUTHENTICATED' ? error.details.reason : error.code;
  }
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('jose token verifier', () => {
  it('accepts a valid token and builds the principal from its claims (a tier claim is not one of them)', async () => {
    const principal = await verifier().verify(await sign({ roles: ['report_creator'], tier: 'enterprise' }));
    expect(principal).toEqual({
      tenantId: 't1',
      userId: 'u1',
      roles: ['report_creator'],
    });
  });

  it('refuses an expired token, within a small clock tolerance', async () => {
    expect(await reason(await sign({ exp: now() - 120 }))).toBe('expired');
    expect(await reason(await sign({ exp: now() - 5 }))).toBe('accepted');
  });

  it('refuses a token that is not valid yet', async () => {
    expect(await reason(await sign({ nbf: now() + 600 }))).toBe('not_yet_valid');
  });

  it('refuses a wrong audience and a wrong issuer', async () => {
    expect(await reason(await sign({}, { aud: 'someone-else' }))).toBe('wrong_audience');
    expect(await reason(await sign({}, { iss: 'https://evil.test/' }))).toBe('wrong_issuer');
  });

  it('refuses alg none', async () => {
    const payload = {
      tid: 't1',
      sub: 'u1',
      roles: ['tenant_admin'],
      iss: ISSUER,
      aud: AUDIENCE,
      exp: now() + 300,
    };
    expect(await reason(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`)).toBe(
      'algorithm_not_allowed',
    );
  });

  it('refuses HS256 signed with the public key as the secret (key confusion)', async () => {
    const pem = createPublicKey(signing.privateKey).export({ type: 'spki', format: 'pem' });
    const token = await new SignJWT({ tid: 't1', roles: ['tenant_admin'] })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setSubject('u1')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime(now() + 300)
      .sign(new Uint8Array(Buffer.from(pem)));
    expect(await reason(token)).toBe('algorithm_not_allowed');
  });

  it('refuses a bad signature: tampered payload, or another key under the known kid', async () => {
    const [header, , signature] = (await sign({ roles: ['viewer'] })).split('.');
    const forged = b64({
      tid: 't1',
      sub: 'u1',
      roles: ['tenant_admin'],
      iss: ISSUER,
      aud: AUDIENCE,
      exp: now() + 300,
    });
    expect(await reason(`${header}.${forged}.${signature}`)).toBe('bad_signature');
    expect(await reason(await sign({}, { key: other.privateKey, kid: 'k1' }))).toBe('bad_signature');
  });

  it('refuses an unknown kid', async () => {
    expect(await reason(await sign({}, { key: other.privateKey, kid: 'ghost' }))).toBe('unknown_key');
  });

  it('refuses malformed tokens and tokens without exp, tenant or subject', async () => {
    expect(await reason('not-a-jwt')).toBe('malformed');
    expect(await reason('abc.def.ghi')).toBe('malformed');
    const noExp = await new SignJWT({ tid: 't1' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('u1')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .sign(signing.privateKey);
    expect(await reason(noExp)).toBe('invalid_claims');
    expect(await reason(await sign({ tid: undefined }))).toBe('missing_tenant');
  });

  it('answers 503 SERVICE_UNAVAILABLE (not 401) when the JWKS cannot be fetched', async () => {
    const unreachable = createTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      jwksUrl: 'http://127.0.0.1:9/jwks',
      algorithms: ['RS256'],
    });
    await expect(unreachable.verify(await sign({}))).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      status: 503,
    });
  });

  it('never trusts a symmetric or none algorithm even if configured', () => {
    expect(() =>
      createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl, algorithms: ['HS256', 'none'] }),
    ).toThrow();
  });
});
