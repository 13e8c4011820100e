import type { Principal } from '../app/auth/principal';

/**
 * Verifies a bearer token and returns the principal it names. Rejects with AppError UNAUTHENTICATED
 * (details.reason says why) or SERVICE_UNAVAILABLE when the issuer's keys cannot be fetched.
 */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/** The reasons a token is refused, as they appear in `details.reason`. */
export type TokenRejection =
  | 'missing'
  | 'malformed'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'bad_signature'
  | 'algorithm_not_allowed'
  | 'unknown_key'
  | 'invalid_claims';
