import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors';
import { blockedRange } from './blocked-address';
import { createOutboundHttpClient } from './outbound-http-client';
import { createOutboundPolicy, type Resolve } from './outbound-policy';

// Names a test resolver answers, standing in for DNS an attacker controls.
const fakeDns: Record<string, string[]> = {
  'metadata.attacker.test': ['169.254.169.254'],
  'private.attacker.test': ['10.0.0.7'],
  'mixed.attacker.test': ['93.184.216.34', '192.168.0.10'],
  'v6.attacker.test': ['fd00::1'],
  'mapped.attacker.test': ['::ffff:127.0.0.1'],
};
const resolve: Resolve = (hostname) => {
  const answers = fakeDns[hostname];
  if (answers)
    return Promise.resolve(answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  // Everything else through the system resolver (localhost comes from /etc/hosts).
  return import('node:dns/promises').then((dns) => dns.lookup(hostname, { all: true, verbatim: true }));
};

const client = createOutboundHttpClient({
  policy: createOutboundPolicy({ allowlist: ['127.0.0.1:18080'], resolve }),
  timeoutMs: 2_000,
});

/** Each URL, with the reason the guard must give. Nothing here may ever be connected to. */
const hostile: [string, string][] = [
  ['https://127.0.0.1/', 'internal_address'],
  ['https://127.0.0.1:18081/', 'internal_address'], // allowlisted port is 18080 only
  ['http://127.0.0.1:18081/', 'scheme'],
  ['https://localhost/', 'internal_address'],
  ['https://LOCALHOST./', 'internal_address'],
  ['https://api.localhost/', 'internal_address'],
  ['https://2130706433/', 'internal_address'], // decimal
  ['https://0177.0.0.1/', 'internal_address'], // octal
  ['https://0x7f000001/', 'internal_address'], // hex
  ['https://0x7f.1/', 'internal_address'],
  ['https://127.1/', 'internal_address'], // short form
  ['https://017700000001/', 'internal_address'],
  ['https://%31%32%37.0.0.1/', 'internal_address'], // percent-encoded
  ['https://0/', 'internal_address'],
  ['https://0.0.0.0/', 'internal_address'],
  ['https://10.0.0.1/', 'internal_address'],
  ['https://172.16.0.1/', 'internal_address'],
  ['https://172.31.255.254/', 'internal_address'],
  ['https://192.168.1.1/', 'internal_address'],
  ['https://169.254.169.254/latest/meta-data/', 'internal_address'],
  ['https://100.64.0.1/', 'internal_address'], // CGNAT
  ['https://224.0.0.1/', 'internal_address'], // multicast
  ['https://255.255.255.255/', 'internal_address'], // broadcast
  ['https://240.0.0.1/', 'internal_address'], // reserved
  ['https://[::1]/', 'internal_address'],
  ['https://[::]/', 'internal_address'],
  ['https://[::ffff:127.0.0.1]/', 'internal_address'], // IPv4-mapped
  ['https://[0:0:0:0:0:ffff:a9fe:a9fe]/', 'internal_address'], // mapped metadata address
  ['https://[::127.0.0.1]/', 'internal_address'], // IPv4-compatible
  ['https://[fc00::1]/', 'internal_address'], // ULA
  ['https://[fd12:3456::1]/', 'internal_address'],
  ['https://[fe80::1]/', 'internal_address'], // link-local
  ['https://[ff02::1]/', 'internal_address'], // multicast
  ['https://[64:ff9b::7f00:1]/', 'internal_address'], // NAT64 of 127.0.0.1
  ['https://[64:ff9b::a9fe:a9fe]/', 'internal_address'], // NAT64 of the metadata service
  ['https://[2002:7f00:1::]/', 'internal_address'], // 6to4 of 127.0.0.1
  ['https://metadata.attacker.test/', 'internal_address'], // a name resolving to 169.254.169.254
  ['https://private.attacker.test/', 'internal_address'],
  ['https://mixed.attacker.test/', 'internal_address'], // one public, one private answer
  ['https://v6.attacker.test/', 'internal_address'],
  ['https://mapped.attacker.test/', 'internal_address'],
  ['https://user:pass@example.com/', 'credentials_in_url'],
  ['https://example.com@127.0.0.1/', 'credentials_in_url'],
  ['https://token@example.com/', 'credentials_in_url'],
  ['http://example.com/', 'scheme'],
  ['ftp://example.com/file', 'scheme'],
  ['file:///etc/passwd', 'scheme'],
  ['gopher://127.0.0.1:6379/_FLUSHALL', 'scheme'],
  ['data:text/plain,hello', 'scheme'],
  ['javascript:alert(1)', 'scheme'],
  ['https://1.2.3.999/', 'invalid_url'],
  ['not a url', 'invalid_url'],
];

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
