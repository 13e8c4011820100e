import { AppError } from '../../domain/errors';

/** Why the SSRF guard refused a call; stable, for logs and tests. */
export type BlockReason =
  | 'invalid_url'
  | 'scheme'
  | 'credentials_in_url'
  | 'invalid_host'
  | 'internal_address'
  | 'redirect_scheme'
  | 'cross_origin';

/**
 * A call the SSRF guard refuses (400, never retried). The message names the reason and the host, never
 * a query string or credentials, so a URL carrying a secret is not echoed back.
 */
export function outboundBlocked(reason: BlockReason, message: string, details: Record<string, unknown> = {}) {
  return new AppError('OUTBOUND_BLOCKED', message, {
    reason,
    ...details,
    suggestedFix:
      'Call a public https endpoint. A local or internal receiver must be listed (host:port) in OUTBOUND_ALLOWLIST.',
  });
}

export type FailureReason = 'network' | 'timeout' | 'too_large' | 'too_many_redirects';

const permanent: ReadonlySet<FailureReason> = new Set(['too_large', 'too_many_redirects']);

/** A call that failed on the way; network trouble and timeouts may be retried, caps and loops may not. */
export function outboundFailed(
  reason: FailureReason,
  message: string,
  details: Record<string, unknown> = {},
  cause?: unknown,
) {
  return new AppError(
    'OUTBOUND_FAILED',
    message,
    { reason, ...details },
    { cause, retryable: !permanent.has(reason) },
  );
}
