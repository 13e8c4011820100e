import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DevTokenRequest, DevTokenResponse } from '../../shared/contracts/dev-token';
import type { createAuthorizationCodes } from './authorization-codes';
import type { OidcClientPolicy } from './oidc-client-policy';
import type { OidcTokens, SignedInUser } from './oidc-tokens';
import { corsHeaders, sendJson, sendOAuthError } from './oauth-responses';
import { verifierMatches } from './pkce';
import { readForm } from './read-form';

interface TokenDeps {
  policy: OidcClientPolicy;
  codes: ReturnType<typeof createAuthorizationCodes>;
  tokens: OidcTokens;
  mintAccessToken: (request: DevTokenRequest) => Promise<DevTokenResponse>;
}

/**
 * `POST` form-encoded (RFC 6749 §4.1.3 / §6): `authorization_code` with the PKCE verifier checked
 * against the code's S256 challenge, or `refresh_token` for silent renew. Errors are OAuth JSON errors.
 */
export async function handleToken(deps: TokenDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const cors = corsHeaders(req, deps.policy.redirectOrigins);
  const fail = (error: Parameters<typeof sendOAuthError>[1], description: string) =>
    sendOAuthError(res, error, description, cors);
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST' }).end();
    return;
  }
  const form = await readForm(req);
  if (!form) return fail('invalid_request', 'Send the token request as application/x-www-form-urlencoded.');
  const get = (name: string) => form.get(name) ?? undefined;
  if (get('client_id') !== deps.policy.clientId) return fail('invalid_client', 'Unknown client_id.');

  let user: SignedInUser;
  let nonce: string | undefined;
  switch (get('grant_type')) {
    case 'authorization_code': {
      const code = get('code');
      const verifier = get('code_verifier');
      if (!code || !verifier || !get('redirect_uri'))
        return fail('invalid_request', 'code, code_verifier and redirect_uri are required.');
      const grant = deps.codes.take(code);
      if (!grant) return fail('invalid_grant', 'The code is unknown, expired or already used.');
      if (grant.clientId !== get('client_id') || grant.redirectUri !== get('redirect_uri'))
        return fail('invalid_grant', 'The code was issued to another client or redirect_uri.');
      if (!verifierMatches(verifier, grant.codeChallenge))
        return fail('invalid_grant', 'code_verifier does not match the code_challenge.');
      user = { ...grant };
      nonce = grant.nonce;
      break;
    }
    case 'refresh_token': {
      const found = await deps.tokens.readRefreshToken(get('refresh_token') ?? '');
      if (!found || found.clientId !== get('client_id'))
        return fail('invalid_grant', 'The refresh token is invalid or expired.');
      user = found;
      break;
    }
    default:
      return fail('unsupported_grant_type', 'grant_type must be authorization_code or refresh_token.');
  }
  const access = await deps.mintAccessToken({
    tenantId: user.tenantId,
    userId: user.userId,
    roles: user.roles,
  });
  sendJson(
    res,
    200,
    {
      access_token: access.accessToken,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
      id_token: await deps.tokens.idToken(user, nonce),
      refresh_token: await deps.tokens.refreshToken(user),
      scope: user.scope,
    },
    cors,
  );
}
