import { isAppError } from '../../domain/errors';
import type { OutboundUrlCheck } from '../../ports/outbound-url-check';
import type { FieldProblem } from '../validation/invalid-field';

const CREDENTIAL_PARAM = /^(access_?token|token|api_?key|key|secret|password|pwd|sig|signature|code|auth)$/i;

const messages: Record<string, string> = {
  invalid_url: 'is not a valid URL',
  credentials_in_url: 'must not carry credentials; put the signing key in secretRef',
  scheme: 'must be https (plain http only for a host:port in OUTBOUND_ALLOWLIST)',
  internal_address: 'must not point to a loopback, private or link-local address',
};

/**
 * A webhook URL must pass the outbound URL policy the send-time SSRF guard applies (`checkUrl`:
 * https, or http to a host:port in OUTBOUND_ALLOWLIST; no user-info; no internal address in any spelling),
 * so what the guard would refuse is refused when it is saved. On top of that, no token-like query parameter:
 * the signing key belongs in `secretRef`. Names resolving to internal addresses are refused at send time,
 * when they are resolved.
 */
export function checkWebhookUrl(text: string, checkUrl: OutboundUrlCheck, field: string): FieldProblem[] {
  try {
    checkUrl(text);
  } catch (err) {
    if (!isAppError(err) || err.code !== 'OUTBOUND_BLOCKED') throw err;
    const code = typeof err.details.reason === 'string' ? err.details.reason : 'outbound_blocked';
    const range = typeof err.details.range === 'string' ? ` (${err.details.range})` : '';
    return [{ field, code, message: (messages[code] ?? 'is not allowed') + range }];
  }
  const secretParam = [...new URL(text).searchParams.keys()].find((name) => CREDENTIAL_PARAM.test(name));
  if (secretParam)
    return [
      {
        field,
        code: 'credentials_in_url',
        message: `must not carry a credential in its query ("${secretParam}"); use secretRef for the signing key`,
      },
    ];
  return [];
}
