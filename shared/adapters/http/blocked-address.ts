import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

const globalUnicastV6 = ipaddr.parseCIDR('2000::/3');
/** Well-known and local-use NAT64 prefixes (64:ff9b::/96, 64:ff9b:1::/48): they embed any IPv4 address. */
const nat64 = [ipaddr.parseCIDR('64:ff9b::/96'), ipaddr.parseCIDR('64:ff9b:1::/48')];

/**
 * Why an address may not be reached from here — `loopback`, `private`, `linkLocal` (the cloud metadata
 * service 169.254.169.254 included), `carrierGradeNat`, `unspecified` (0.0.0.0/8, ::), `multicast`,
 * `broadcast`, `reserved`, `uniqueLocal` (fc00::/7), `ipv4Mapped` (::ffff:0:0/96), `rfc6052` (NAT64), 6to4,
 * Teredo… — or `undefined` for a public unicast address. Only IPv4 unicast and IPv6 global unicast
 * (2000::/3, less the ranges above) pass; anything not a canonical IP literal is refused too.
 */
export function blockedRange(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIP(bare) === 0) return 'not_an_ip';
  const ip = ipaddr.parse(bare);
  if (ip.kind() === 'ipv4') {
    const range = ip.range();
    // ipaddr.js names 0.0.0.0/8 "unspecified" and 240/4, 192.0.0/24, TEST-NETs and 198.18/15 "reserved".
    return range === 'unicast' ? undefined : range;
  }
  const v6 = ip as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return 'ipv4Mapped';
  if (nat64.some((net) => v6.match(net))) return 'rfc6052';
  const range = v6.range();
  if (range !== 'unicast') return range;
  // IPv4-compatible (::a.b.c.d), site-local and unassigned space are not global unicast.
  return v6.match(globalUnicastV6) ? undefined : 'notGlobalUnicast';
}
