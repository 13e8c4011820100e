import { randomBytes } from 'node:crypto';
import type { Role } from '../../shared/contracts/common';

/** What a code was issued for; the token request must present the same client, redirect and verifier. */
export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | undefined;
  scope: string;
  tenantId: string;
  userId: string;
  roles: Role[];
}

/**
 * One-time authorization codes, kept in memory (a restart signs everyone in again, which a dev issuer
 * may do). `take` removes the code whatever happens next, so a code is never exchanged twice.
 */
export function createAuthorizationCodes(options: { ttlSeconds: number; clock: () => Date }) {
  const codes = new Map<string, CodeGrant & { expiresAt: number }>();
  const sweep = (now: number) => {
    for (const [code, grant] of codes) if (grant.expiresAt <= now) codes.delete(code);
  };
  return {
    issue(grant: CodeGrant): string {
      const now = options.clock().getTime();
      sweep(now);
      const code = randomBytes(32).toString('base64url');
      codes.set(code, { ...grant, expiresAt: now + options.ttlSeconds * 1000 });
      return code;
    },
    /** The grant of a live code, consumed; undefined for an unknown, used or expired code. */
    take(code: string): CodeGrant | undefined {
      const grant = codes.get(code);
      codes.delete(code);
      if (!grant || grant.expiresAt <= options.clock().getTime()) return undefined;
      const { expiresAt: _expiresAt, ...rest } = grant;
      return rest;
    },
  };
}
