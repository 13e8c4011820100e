import { createPublicKey, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { roleSchema, type Role } from '../../shared/contracts/common';
import type { SigningKey } from './signing-key';

export interface SignedInUser {
  tenantId: string;
  userId: string;
  roles: Role[];
  clientId: string;
  scope: string;
}

const refreshClaims = z.object({
  token_use: z.literal('refresh'),
  sub: z.string().min(1),
  tid: z.string().min(1),
  roles: z.array(roleSchema).min(1),
  client_id: z.string().min(1),
  scope: z.string(),
});

/**
 * The id token and refresh token of the authorization-code flow, signed with the issuer's key. The
 * refresh token is a JWT for the issuer itself (audience `<issuer>#refresh`), so it survives a restart
 * and can never pass as an access token (the API checks its own audience).
 */
export function createOidcTokens(options: {
  key: SigningKey;
  issuer: string;
  clock: () => Date;
  idTokenSeconds: number;
  refreshTokenSeconds: number;
}) {
  const { key, issuer } = options;
  const publicKey = createPublicKey(key.privateKey);
  const refreshAudience = `${issuer}#refresh`;
  const nowSeconds = () => Math.floor(options.clock().getTime() / 1000);
  const sign = (claims: Record<string, unknown>, subject: string, audience: string, seconds: number) => {
    const now = nowSeconds();
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setSubject(subject)
      .setAudience(audience)
      .setIssuedAt(now)
      .setExpirationTime(now + seconds)
      .setJti(randomUUID())
      .sign(key.privateKey);
  };

  return {
    idToken: (user: SignedInUser, nonce: string | undefined) =>
      sign(
        {
          tid: user.tenantId,
          roles: user.roles,
          name: user.userId,
          auth_time: nowSeconds(),
          ...(nonce ? { nonce } : {}),
        },
        user.userId,
        user.clientId,
        options.idTokenSeconds,
      ),
    refreshToken: (user: SignedInUser) =>
      sign(
        {
          token_use: 'refresh',
          tid: user.tenantId,
          roles: user.roles,
          client_id: user.clientId,
          scope: user.scope,
        },
        user.userId,
        refreshAudience,
        options.refreshTokenSeconds,
      ),
    /** The user a refresh token was issued to; undefined when it is forged, expired or not a refresh token. */
    async readRefreshToken(token: string): Promise<SignedInUser | undefined> {
      try {
        const { payload } = await jwtVerify(token, publicKey, {
          issuer,
          audience: refreshAudience,
          algorithms: ['RS256'],
          currentDate: options.clock(),
        });
        const claims = refreshClaims.parse(payload);
        return {
          tenantId: claims.tid,
          userId: claims.sub,
          roles: claims.roles,
          clientId: claims.client_id,
          scope: claims.scope,
        };
      } catch {
        return undefined;
      }
    },
  };
}

export type OidcTokens = ReturnType<typeof createOidcTokens>;
