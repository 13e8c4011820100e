import { AppError } from '../../shared/domain/errors';
import type { Principal } from '../../shared/app/auth/principal';
import type { TokenVerifier } from '../../shared/ports/token-verifier';

/** The bearer token of an `Authorization` header; 401 `missing` / `malformed` otherwise. */
export function bearerToken(authorization: string | null): string {
  if (!authorization) {
    throw new AppError('UNAUTHENTICATED', 'A bearer token is required', { reason: 'missing' });
  }
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(authorization);
  if (!match)
    throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"', {
      reason: 'malformed',
    });
  return match[1]!;
}

export async function authenticate(
  verifier: TokenVerifier,
  authorization: string | null,
): Promise<Principal> {
  return verifier.verify(bearerToken(authorization));
}
