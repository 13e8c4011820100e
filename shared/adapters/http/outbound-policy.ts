import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { blockedRange } from './blocked-address';
import { outboundBlocked } from './outbound-errors';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Name resolution: every address of a name. */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

export interface OutboundPolicyOptions {
  /**
   * `host:port` pairs (as in OUTBOUND_ALLOWLIST: `127.0.0.1:5432`, `[::1]:8080`, `receiver.local:80`) that
   * may be reached over plain http and on internal addresses. Empty by default.
   */
  allowlist?: readonly string[];
  /** The system resolver by default; tests pass their own to play DNS rebinding. */
  resolve?: Resolve;
}

/**
 * The SSRF rules (DESIGN D10), shared by the outbound HTTP client and the database sockets:
 * what a URL or host may be before connecting, and which resolved address a connection may use.
 */
export interface OutboundPolicy {
  isAllowlisted(hostname: string, port: number): boolean;
  /** The URL, parsed and normalised, or OUTBOUND_BLOCKED: https only, no user-info, no internal literal IP. */
  checkUrl(url: string | URL): URL;
  /** A database host (name or IP literal) in canonical form, or OUTBOUND_BLOCKED. */
  checkHost(host: string, port: number): string;
  /** A `lookup` for `net.connect`/`http.request` that refuses names resolving to an internal address. */
  lookupFor(port: number): LookupFunction;
  /** Checks the peer of a connected socket (the address actually used), whatever resolved it. */
  checkConnected(remoteAddress: string | undefined, hostname: string, port: number): void;
}

const defaultResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

const defaultPort = (protocol: string) => (protocol === 'https:' ? 443 : protocol === 'http:' ? 80 : 0);

/** `host` as the URL parser writes it: IPv4 in dotted quads (so 2130706433, 0x7f.1, 0177.0.0.1 become 127.0.0.1), IPv6 in brackets. */
export function canonicalHost(host: string): string | undefined {
  if (!host || host.length > 253) return undefined;
  const v6 = isIP(host.replace(/^\[|\]$/g, '')) === 6;
  if (!v6 && /[\s/\\?#@:[\]%]/.test(host)) return undefined;
  try {
    return new URL(`https://${v6 && !host.startsWith('[') ? `[${host}]` : host}/`).hostname;
  } catch {
    return undefined;
  }
}

const isLocalName = (hostname: string) => /(^|\.)localhost\.?$/i.test(hostname);

type IsAllowlisted = (hostname: string, port: number) => boolean;

function allowlistOf(entries: readonly string[]): IsAllowlisted {
  const allowlist = new Set(entries.map((entry) => entry.trim().toLowerCase()));
  return (hostname, port) => {
    const bare = hostname.toLowerCase().replace(/^\[|\]$/g, '');
    const host = isIP(bare) === 6 ? `[${bare}]` : bare;
    return allowlist.has(`${host}:${port}`);
  };
}

function checkLiteral(hostname: string, port: number, isAllowlisted: IsAllowlisted): void {
  if (isAllowlisted(hostname, port)) return;
  if (isLocalName(hostname))
    throw outboundBlocked('internal_address', `${hostname} is a loopback name`, { host: hostname });
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare) === 0) return;
  const range = blockedRange(bare);
  if (range)
    throw outboundBlocked('internal_address', `${hostname} is an internal address (${range})`, {
      host: hostname,
      range,
    });
}

function checkUrlWith(input: string | URL, isAllowlisted: IsAllowlisted): URL {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    throw outboundBlocked('invalid_url', 'The URL is not valid');
  }
  if (url.username || url.password)
    throw outboundBlocked('credentials_in_url', 'The URL must not carry credentials (user:password@)', {
      host: url.hostname,
    });
  const port = Number(url.port) || defaultPort(url.protocol);
  const allowed =
    url.protocol === 'https:' || (url.protocol === 'http:' && isAllowlisted(url.hostname, port));
  if (!allowed)
    throw outboundBlocked(
      'scheme',
      url.protocol === 'http:'
        ? `Plain http is refused for ${url.hostname}:${port}; use https`
        : `The scheme ${url.protocol} is refused; use https`,
      { scheme: url.protocol.replace(/:$/, ''), host: url.hostname },
    );
  checkLiteral(url.hostname, port, isAllowlisted);
  return url;
}

/**
 * The one URL policy, without DNS: what a URL may be before anything is resolved (https, or http to an
 * allowlisted host:port; no user-info; no loopback name; no internal IP literal in any spelling the URL
 * parser accepts). Save-time validation calls it, and the send-time guard calls it before it resolves
 * and checks every address — so a URL refused at send is refused at save too. Throws OUTBOUND_BLOCKED.
 */
export function checkOutboundUrl(input: string | URL, allowlist: readonly string[] = []): URL {
  return checkUrlWith(input, allowlistOf(allowlist));
}

export function createOutboundPolicy(options: OutboundPolicyOptions = {}): OutboundPolicy {
  const isAllowlisted = allowlistOf(options.allowlist ?? []);
  const resolve = options.resolve ?? defaultResolve;

  return {
    isAllowlisted,

    checkUrl: (input) => checkUrlWith(input, isAllowlisted),

    checkHost(host, port) {
      const hostname = canonicalHost(host);
      if (!hostname || !Number.isInteger(port) || port < 1 || port > 65535)
        throw outboundBlocked(
          'invalid_host',
          'The host must be a DNS name or an IP address, with a port 1–65535',
        );
      checkLiteral(hostname, port, isAllowlisted);
      return hostname;
    },

    lookupFor(port) {
      return (hostname, lookupOptions, callback) => {
        resolve(hostname).then(
          (all) => {
            const wanted =
              lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : 0;
            const addresses = wanted ? all.filter((a) => a.family === wanted) : all;
            const first = addresses[0];
            if (!first) {
              const err: NodeJS.ErrnoException = new Error(`${hostname} has no address`);
              err.code = 'ENOTFOUND';
              callback(err, '', 0);
              return;
            }
            // Every address must pass: a name answering one public and one internal address is refused.
            if (!isAllowlisted(hostname, port)) {
              for (const { address } of addresses) {
                const range = blockedRange(address);
                if (range) {
                  // The internal address itself is not echoed: that would map a tenant's guesses of internal names.
                  callback(
                    outboundBlocked(
                      'internal_address',
                      `${hostname} resolves to an internal address (${range})`,
                      {
                        host: hostname,
                        range,
                      },
                    ),
                    '',
                    0,
                  );
                  return;
                }
              }
            }
            if (lookupOptions.all) callback(null, addresses);
            else callback(null, first.address, first.family);
          },
          (err: NodeJS.ErrnoException) => callback(err, '', 0),
        );
      };
    },

    checkConnected(remoteAddress, hostname, port) {
      if (isAllowlisted(hostname, port)) return;
      const range = remoteAddress ? blockedRange(remoteAddress) : 'unknown';
      if (range)
        throw outboundBlocked('internal_address', `${hostname} connected to an internal address (${range})`, {
          host: hostname,
          range,
        });
    },
  };
}
