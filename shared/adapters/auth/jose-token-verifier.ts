import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AppError } from '../../domain/errors';
import { principalFromClaims, type Principal } from '../../app/auth/principal';
import type { TokenRejection, TokenVerifier } from '../../ports/token-verifier';

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** Asymmetric algorithms only; `none` and HS* are refused whatever this says. */
  algorithms: readonly string[];
  /** Tolerance for exp/nbf, in seconds (default 30). */
  clockToleranceSeconds?: number;
  /** Time source for exp/nbf checks (default: the system clock). */
  clock?: () => Date;
  /** For tests: the key set to use instead of fetching `jwksUrl`. */
  keySet?: JWTVerifyGetKey;
}

const refused = (reason: TokenRejection, message: string) =>
  new AppError('UNAUTHENTICATED', message, { reason });

/** Bearer JWTs verified against the issuer's JWKS with jose: signature, issuer, audience, exp/nbf, algorithm. */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const allowed = options.algorithms.filter((alg) => !/^(none|HS\d+)$/i.test(alg));
  if (allowed.length === 0) throw new Error('The token verifier needs at least one asymmetric algorithm.');
  const keySet =
    options.keySet ??
    createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });

  return {
    async verify(token: string): Promise<Principal> {
      if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/.test(token)) {
        throw refused('malformed', 'The bearer token is not a JWT');
      }
      let alg: string | undefined;
      try {
        alg = decodeProtectedHeader(token).alg;
      } catch {
        throw refused('malformed', 'The bearer token header cannot be read');
      }
      if (!alg || !allowed.includes(alg)) {
        throw refused('algorithm_not_allowed', `Tokens signed with "${alg ?? 'none'}" are not accepted`);
      }
      try {
        const { payload } = await jwtVerify(token, keySet, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: allowed,
          clockTolerance: options.clockToleranceSeconds ?? 30,
          requiredClaims: ['exp'],
          ...(options.clock ? { currentDate: options.clock() } : {}),
        });
        return principalFromClaims(payload);
      } catch (err) {
        throw toVerificationError(err);
      }
    },
  };
}

function toVerificationError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof errors.JWTExpired) return refused('expired', 'The token has expired');
  if (err instanceof errors.JWTClaimValidationFailed) {
    switch (err.claim) {
      case 'aud':
        return refused('wrong_audience', 'The token is not meant for this API (audience)');
      case 'iss':
        return refused('wrong_issuer', 'The token was issued by an issuer this API does not trust');
      case 'nbf':
        return refused('not_yet_valid', 'The token is not valid yet');
      default:
        return refused('invalid_claims', `The token claim "${err.claim}" is invalid`);
    }
  }
  if (err instanceof errors.JWSSignatureVerificationFailed)
    return refused('bad_signature', 'The token signature is invalid');
  if (err instanceof errors.JOSEAlgNotAllowed)
    return refused('algorithm_not_allowed', 'The token algorithm is not accepted');
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) {
    return refused('unknown_key', 'The token was signed with a key the issuer does not publish');
  }
  if (
    err instanceof errors.JWSInvalid ||
    err instanceof errors.JWTInvalid ||
    err instanceof errors.JOSENotSupported
  ) {
    return refused('malformed', 'The bearer token is malformed');
  }
  // JWKS timeout, invalid JWKS document, network failure: not the caller's fault.
  return new AppError(
    'SERVICE_UNAVAILABLE',
    'The identity provider keys cannot be fetched; try again shortly',
    {},
    { cause: err },
  );
}
