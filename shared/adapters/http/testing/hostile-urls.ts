// Test support (not shipped behaviour): the hostile URL corpus the send-time SSRF guard and every
// save-time URL check run, so the two can never disagree again.
import type { Resolve } from '../outbound-policy';

/** The one host:port the corpus runs allowlisted (OUTBOUND_ALLOWLIST), to show its neighbours are not. */
export const CORPUS_ALLOWLISTED = '127.0.0.1:18080';

// Names a test resolver answers, standing in for DNS an attacker controls.
const fakeDns: Record<string, string[]> = {
  'metadata.attacker.test': ['169.254.169.254'],
  'private.attacker.test': ['10.0.0.7'],
  'mixed.attacker.test': ['93.184.216.34', '192.168.0.10'],
  'v6.attacker.test': ['fd00::1'],
  'mapped.attacker.test': ['::ffff:127.0.0.1'],
};

/** Resolves the corpus's attacker names; everything else through the system resolver (localhost from /etc/hosts). */
export const corpusResolve: Resolve = (hostname) => {
  const answers = fakeDns[hostname];
  if (answers)
    return Promise.resolve(answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  return import('node:dns/promises').then((dns) => dns.lookup(hostname, { all: true, verbatim: true }));
};

/** Whether refusing the URL needs DNS (so only the send-time guard, which resolves, can refuse it). */
export const needsResolution = (url: string) => /\.attacker\.test\b/.test(url);

/** Each URL, with the reason the guard must give. Nothing here may ever be connected to. */
export const hostileUrls: [string, string][] = [
  ['https://127.0.0.1/', 'internal_address'],
  ['https://127.0.0.1:18081/', 'internal_address'], // allowlisted port is 18080 only
  ['http://127.0.0.1:18081/', 'scheme'],
  ['https://localhost/', 'internal_address'],
  ['https://LOCALHOST./', 'internal_address'],
  ['https://LocalHost/', 'internal_address'],
  ['https://localhost.:8443/', 'internal_address'],
  ['https://api.localhost/', 'internal_address'],
  ['https://API.LOCALHOST./', 'internal_address'],
  ['https://2130706433/', 'internal_address'], // decimal
  ['https://0177.0.0.1/', 'internal_address'], // octal
  ['https://0x7f000001/', 'internal_address'], // hex
  ['https://0x7f.1/', 'internal_address'],
  ['https://127.1/', 'internal_address'], // short form
  ['https://127.0.0.1./', 'internal_address'], // trailing dot
  ['https://017700000001/', 'internal_address'],
  ['https://%31%32%37.0.0.1/', 'internal_address'], // percent-encoded
  ['https://0/', 'internal_address'],
  ['https://0.0.0.0/', 'internal_address'],
  ['https://10.0.0.1/', 'internal_address'],
  ['https://172.16.0.1/', 'internal_address'],
  ['https://172.31.255.254/', 'internal_address'],
  ['https://192.168.1.1/', 'internal_address'],
  ['https://169.254.169.254/latest/meta-data/', 'internal_address'],
  ['https://0xa9fea9fe/', 'internal_address'], // the metadata service in hex
  ['https://100.64.0.1/', 'internal_address'], // CGNAT
  ['https://224.0.0.1/', 'internal_address'], // multicast
  ['https://255.255.255.255/', 'internal_address'], // broadcast
  ['https://240.0.0.1/', 'internal_address'], // reserved
  ['https://[::1]/', 'internal_address'],
  ['https://[0:0:0:0:0:0:0:1]/', 'internal_address'],
  ['https://[::]/', 'internal_address'],
  ['https://[::ffff:127.0.0.1]/', 'internal_address'], // IPv4-mapped
  ['https://[::ffff:7f00:1]/', 'internal_address'], // IPv4-mapped, hex
  ['https://[::ffff:10.0.0.1]/', 'internal_address'],
  ['https://[0:0:0:0:0:ffff:a9fe:a9fe]/', 'internal_address'], // mapped metadata address
  ['https://[::127.0.0.1]/', 'internal_address'], // IPv4-compatible
  ['https://[::a9fe:a9fe]/', 'internal_address'],
  ['https://[fc00::1]/', 'internal_address'], // ULA
  ['https://[fd12:3456::1]/', 'internal_address'],
  ['https://[fe80::1]/', 'internal_address'], // link-local
  ['https://[fec0::1]/', 'internal_address'], // site-local
  ['https://[ff02::1]/', 'internal_address'], // multicast
  ['https://[64:ff9b::7f00:1]/', 'internal_address'], // NAT64 of 127.0.0.1
  ['https://[64:ff9b::a9fe:a9fe]/', 'internal_address'], // NAT64 of the metadata service
  ['https://[64:ff9b:1::a00:1]/', 'internal_address'], // local-use NAT64 of 10.0.0.1
  ['https://[2002:7f00:1::]/', 'internal_address'], // 6to4 of 127.0.0.1
  ['https://[2001::1]/', 'internal_address'], // Teredo
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
