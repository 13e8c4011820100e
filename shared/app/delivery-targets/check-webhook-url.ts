import { isIP } from 'node:net';
import type { FieldProblem } from '../validation/invalid-field';

const CREDENTIAL_PARAM = /^(access_?token|token|api_?key|key|secret|password|pwd|sig|signature|code|auth)$/i;

/** Loopback, private, link-local, CGNAT and unspecified ranges (spec §6 SSRF), v4 and v6 literals. */
function isInternalAddress(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  const version = isIP(bare);
  if (version === 4) {
    const [a = 0, b = 0] = bare.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (version === 6) {
    if (bare === '::' || bare === '::1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
    if (mapped) return isInternalAddress(mapped[1]!);
    return /^(fc|fd|fe8|fe9|fea|feb)/.test(bare);
  }
  return false;
}

/**
 * A webhook URL must be https to a public host, unless its `host:port` is in OUTBOUND_ALLOWLIST (which
 * also admits plain http). No credentials in it: user-info or a token-like query parameter belongs in
 * `secretRef`. Names resolving to internal addresses are refused again at send time by the SSRF guard.
 */
export function checkWebhookUrl(text: string, allowlist: readonly string[], field: string): FieldProblem[] {
  const url = new URL(text);
  const port = url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
  const hostPort = `${url.hostname}:${port}`.toLowerCase();
  const allowed = allowlist.some((entry) => entry.toLowerCase() === hostPort);
  const problem = (code: string, message: string) => [{ field, code, message }];
  if (url.username || url.password)
    return problem('credentials_in_url', 'must not carry credentials; put the signing key in secretRef');
  const secretParam = [...url.searchParams.keys()].find((name) => CREDENTIAL_PARAM.test(name));
  if (secretParam)
    return problem(
      'credentials_in_url',
      `must not carry a credential in its query ("${secretParam}"); use secretRef for the signing key`,
    );
  if (allowed)
    return url.protocol === 'https:' || url.protocol === 'http:' ? [] : problem('scheme', 'must be https');
  if (url.protocol !== 'https:')
    return problem('scheme', 'must be https (plain http only for a host:port in OUTBOUND_ALLOWLIST)');
  if (isInternalAddress(url.hostname))
    return problem('internal_address', 'must not point to a loopback, private or link-local address');
  return [];
}
