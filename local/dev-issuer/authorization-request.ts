import { z } from 'zod';
import { isAllowedRedirect, type OidcClientPolicy } from './oidc-client-policy';
import { S256_CHALLENGE } from './pkce';

/**
 * The parameters of an authorization request this issuer acts on. Not strict: OAuth tells servers to
 * ignore parameters they do not understand (prompt, login_hint, ui_locales … sent by client libraries).
 */
const requestSchema = z.object({
  response_type: z.literal('code', { error: 'response_type must be "code"' }),
  scope: z
    .string()
    .max(512)
    .refine((s) => s.split(' ').includes('openid'), 'scope must include "openid"'),
  code_challenge: z.string().regex(S256_CHALLENGE, 'code_challenge must be an S256 challenge'),
  code_challenge_method: z.literal('S256', { error: 'code_challenge_method must be "S256"' }),
  state: z.string().max(2048).optional(),
  nonce: z.string().max(512).optional(),
  response_mode: z.literal('query', { error: 'only response_mode=query is supported' }).optional(),
});

export type AuthorizationRequest = z.infer<typeof requestSchema> & {
  client_id: string;
  redirect_uri: string;
};

export const AUTHORIZATION_PARAMETERS = [
  'client_id',
  'redirect_uri',
  'response_type',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
  'nonce',
  'response_mode',
] as const;

export type ParsedAuthorization =
  /** The client or its redirect URI is unknown: show an error, never redirect (RFC 6749 §4.1.2.1). */
  | { kind: 'bad-client'; message: string }
  /** A client we may redirect to sent a bad request: tell it, through the redirect. */
  | { kind: 'bad-request'; redirectUri: string; state: string | undefined; message: string }
  | { kind: 'ok'; request: AuthorizationRequest };

export function parseAuthorizationRequest(
  policy: OidcClientPolicy,
  get: (name: string) => string | undefined,
): ParsedAuthorization {
  const clientId = get('client_id');
  const redirectUri = get('redirect_uri');
  if (clientId !== policy.clientId)
    return { kind: 'bad-client', message: `Unknown client_id "${clientId ?? ''}".` };
  if (!isAllowedRedirect(policy, redirectUri))
    return {
      kind: 'bad-client',
      message: `redirect_uri "${redirectUri ?? ''}" is not allowed for this client.`,
    };
  const raw = Object.fromEntries(
    AUTHORIZATION_PARAMETERS.flatMap((name) => {
      const value = get(name);
      return value === undefined || value === '' ? [] : [[name, value]];
    }),
  );
  const parsed = requestSchema.safeParse(raw);
  if (!parsed.success)
    return {
      kind: 'bad-request',
      redirectUri,
      state: get('state'),
      message: parsed.error.issues.map((i) => i.message).join('; '),
    };
  return { kind: 'ok', request: { ...parsed.data, client_id: clientId, redirect_uri: redirectUri } };
}

/** `redirectUri` with `params` added to its query (existing query parameters kept). */
export function redirectWith(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}
