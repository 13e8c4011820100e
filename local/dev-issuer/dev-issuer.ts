import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { AppError, toAppError } from '../../shared/domain/errors';
import { toErrorEnvelope } from '../../shared/contracts/error-envelope';
import {
  devTokenRequestSchema,
  type DevTokenRequest,
  type DevTokenResponse,
} from '../../shared/contracts/dev-token';
import { pickRequestId } from '../../functions/http/request-id';
import { describeZodError } from '../../functions/http/describe-zod-error';
import { loadOrCreateSigningKey } from './signing-key';
import { readNodeBody } from './read-node-body';
import { createAuthorizationCodes } from './authorization-codes';
import { handleAuthorize } from './authorize-endpoint';
import { handleLogout } from './logout-endpoint';
import { answerPreflight, corsHeaders } from './oauth-responses';
import type { OidcClientPolicy } from './oidc-client-policy';
import { createOidcTokens } from './oidc-tokens';
import { handleToken } from './token-endpoint';

export interface DevIssuerOptions {
  /** Where the signing key is kept (the local host passes DATA_DIR). */
  dataDir: string;
  /** `iss` of minted tokens, and the base of the discovery URLs unless they are given. */
  issuer: string;
  audience: string;
  jwksUri?: string;
  /** The web app, the one client of the authorization-code flow (default: no redirect origin allowed). */
  client?: OidcClientPolicy;
  /** Lifetime of an authorization code (default 60 s). */
  codeTtlSeconds?: number;
  /** Lifetime of a refresh token (default 8 h). */
  refreshTokenSeconds?: number;
  clock?: () => Date;
}

export interface DevIssuer {
  /** Serves discovery, JWKS and the dev token endpoint; returns false for any other request. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Mints a token directly (what the token endpoint does), for seeds and tests. */
  mintToken(request: DevTokenRequest): Promise<DevTokenResponse>;
  readonly jwksUri: string;
}

export const DEV_TOKEN_PATH = '/api/v1/dev/token';
/** The authorization-code flow's endpoints (local host only: under /api/, so Azure answers them 404). */
export const OIDC_PATH_PREFIX = '/api/v1/dev/oidc/';
export const AUTHORIZE_PATH = `${OIDC_PATH_PREFIX}authorize`;
export const OIDC_TOKEN_PATH = `${OIDC_PATH_PREFIX}token`;
export const LOGOUT_PATH = `${OIDC_PATH_PREFIX}logout`;
const DISCOVERY_PATH = '/.well-known/openid-configuration';
const JWKS_PATH = '/.well-known/jwks.json';

/**
 * The local host's own OIDC issuer: an RS256 key kept on disk, a JWKS, a JSON token endpoint for dev
 * scripts, and the authorization-code + PKCE flow (sign-in form, token, logout) for the web app.
 */
export async function createDevIssuer(options: DevIssuerOptions): Promise<DevIssuer> {
  const key = await loadOrCreateSigningKey(options.dataDir);
  const clock = options.clock ?? (() => new Date());
  const base = options.issuer.replace(/\/+$/, '');
  const jwksUri = options.jwksUri ?? `${base}${JWKS_PATH}`;
  const policy: OidcClientPolicy = options.client ?? {
    clientId: 'report-scheduler-web',
    redirectOrigins: [],
  };
  const codes = createAuthorizationCodes({ ttlSeconds: options.codeTtlSeconds ?? 60, clock });
  const tokens = createOidcTokens({
    key,
    issuer: options.issuer,
    clock,
    idTokenSeconds: 3600,
    refreshTokenSeconds: options.refreshTokenSeconds ?? 8 * 3600,
  });
  const discovery = {
    issuer: options.issuer,
    jwks_uri: jwksUri,
    authorization_endpoint: `${base}${AUTHORIZE_PATH}`,
    token_endpoint: `${base}${OIDC_TOKEN_PATH}`,
    end_session_endpoint: `${base}${LOGOUT_PATH}`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    scopes_supported: ['openid', 'profile', 'offline_access'],
    claims_supported: ['sub', 'name', 'tid', 'roles', 'nonce', 'auth_time'],
    id_token_signing_alg_values_supported: ['RS256'],
    subject_types_supported: ['public'],
  };
  const jwks = { keys: [key.publicJwk] };

  async function mintToken(input: DevTokenRequest): Promise<DevTokenResponse> {
    const request = devTokenRequestSchema.parse(input);
    const now = Math.floor(clock().getTime() / 1000);
    const accessToken = await new SignJWT({
      tid: request.tenantId,
      roles: request.roles,
      ...(request.tier ? { tier: request.tier } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setSubject(request.userId)
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + request.expiresInSeconds)
      .setJti(randomUUID())
      .sign(key.privateKey);
    return { accessToken, expiresIn: request.expiresInSeconds, tokenType: 'Bearer' };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const requestId = pickRequestId(header(req, 'x-request-id'));
    const flow = [AUTHORIZE_PATH, OIDC_TOKEN_PATH, LOGOUT_PATH].find((p) => p === path);
    if (flow) {
      if (req.method === 'OPTIONS' && flow === OIDC_TOKEN_PATH)
        answerPreflight(req, res, policy.redirectOrigins);
      else if (flow === AUTHORIZE_PATH) await handleAuthorize({ policy, codes, path }, req, res, url);
      else if (flow === OIDC_TOKEN_PATH)
        await handleToken({ policy, codes, tokens, mintAccessToken: mintToken }, req, res);
      else handleLogout(policy, req, res, url);
      return true;
    }
    const route = [DISCOVERY_PATH, JWKS_PATH, DEV_TOKEN_PATH].find((p) => p === path);
    if (!route) return false;
    try {
      const method = req.method ?? 'GET';
      if (route === DEV_TOKEN_PATH) {
        if (method !== 'POST')
          throw new AppError('METHOD_NOT_ALLOWED', `${method} is not allowed here`, { allow: ['POST'] });
        send(res, 200, await mintToken(await readTokenRequest(req)), requestId);
      } else if (method === 'OPTIONS') {
        answerPreflight(req, res, policy.redirectOrigins);
      } else {
        if (method !== 'GET')
          throw new AppError('METHOD_NOT_ALLOWED', `${method} is not allowed here`, { allow: ['GET'] });
        send(
          res,
          200,
          route === JWKS_PATH ? jwks : discovery,
          requestId,
          corsHeaders(req, policy.redirectOrigins),
        );
      }
    } catch (err) {
      const error = toAppError(err);
      send(res, error.status, toErrorEnvelope(error, requestId, clock()), requestId);
    }
    return true;
  }

  return { handle, mintToken, jwksUri };
}

async function readTokenRequest(req: IncomingMessage): Promise<DevTokenRequest> {
  const type = header(req, 'content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the token request as application/json', {
      contentType: type,
    });
  }
  const text = (await readNodeBody(req, 16 * 1024)).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('MALFORMED_JSON', 'The request body is not valid JSON');
  }
  const parsed = devTokenRequestSchema.safeParse(json);
  if (!parsed.success)
    throw new AppError(
      'VALIDATION_ERROR',
      'The token request is invalid',
      describeZodError(parsed.error, 'body'),
    );
  return parsed.data;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-request-id': requestId,
  });
  res.end(text);
}
