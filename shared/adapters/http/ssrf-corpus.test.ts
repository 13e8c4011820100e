import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors';
import { blockedRange } from './blocked-address';
import { createOutboundHttpClient } from './outbound-http-client';
import { createOutboundPolicy } from './outbound-policy';
import { CORPUS_ALLOWLISTED, corpusResolve, hostileUrls as hostile } from './testing/hostile-urls';

const client = createOutboundHttpClient({
  policy: createOutboundPolicy({ allowlist: [CORPUS_ALLOWLISTED], resolve: corpusResolve }),
  timeoutMs: 2_000,
});

describe('SSRF guard: a corpus of hostile URLs', () => {
  it('has at least 30 entries', () => expect(hostile.length).toBeGreaterThanOrEqual(30));

  it.each(hostile)('refuses %s (%s)', async (url, reason) => {
    const err = await client.request(url).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      code: 'OUTBOUND_BLOCKED',
      status: 400,
      retryable: false,
      details: { reason },
    });
    expect((err as AppError).message.length).toBeGreaterThan(10);
  });

  it('never echoes credentials or internal addresses a name resolved to', async () => {
    const secret = await client.request('https://admin:hunter2@example.com/').catch((e: AppError) => e);
    expect(
      JSON.stringify({ m: (secret as AppError).message, d: (secret as AppError).details }),
    ).not.toContain('hunter2');
    const named = await client.request('https://private.attacker.test/').catch((e: AppError) => e);
    expect(JSON.stringify({ m: (named as AppError).message, d: (named as AppError).details })).not.toContain(
      '10.0.0.7',
    );
  });
});

describe('blockedRange', () => {
  it('passes public unicast addresses only', () => {
    for (const ok of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '2a00:1450:4001::200e'])
      expect(blockedRange(ok)).toBeUndefined();
    for (const bad of [
      '127.0.0.1',
      '0.1.2.3',
      '169.254.0.1',
      '::',
      'fec0::1',
      '4000::1',
      'not-an-ip',
      '0x7f000001',
      '127.1',
    ])
      expect(blockedRange(bad)).toBeDefined();
  });

  it('checks the peer of a connected socket too', () => {
    const policy = createOutboundPolicy({ allowlist: ['db.local:5432'] });
    expect(() => policy.checkConnected('10.1.2.3', 'db.example.com', 5432)).toThrow(AppError);
    expect(() => policy.checkConnected(undefined, 'db.example.com', 5432)).toThrow(AppError);
    expect(() => policy.checkConnected('10.1.2.3', 'db.local', 5432)).not.toThrow();
    expect(() => policy.checkConnected('93.184.216.34', 'db.example.com', 5432)).not.toThrow();
  });

  it('canonicalises database hosts before checking them', () => {
    const policy = createOutboundPolicy({ allowlist: ['127.0.0.1:5432'] });
    expect(policy.checkHost('127.0.0.1', 5432)).toBe('127.0.0.1');
    expect(policy.checkHost('DB.Example.com', 5432)).toBe('db.example.com');
    for (const [host, port] of [
      ['2130706433', 5433],
      ['127.1', 5433],
      ['localhost', 5432],
      ['::1', 5432],
      ['db.example.com/x', 5432],
      ['db.example.com:5432', 5432],
      ['/var/run/postgresql', 5432],
      ['db.example.com', 0],
    ] as const)
      expect(() => policy.checkHost(host, port), host).toThrow(
        expect.objectContaining({ code: 'OUTBOUND_BLOCKED' }),
      );
  });
});
