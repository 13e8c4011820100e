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

export interface DevIssuerOptions {
  /** Where the signing key is kept (the local host passes DATA_DIR). */
  dataDir: string;
  /** `iss` of minted tokens, and the base of the discovery URLs unless they are given. */
  issuer: string;
  audience: string;
  jwksUri?: string;
  tokenEndpoint?: string;
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
const DISCOVERY_PATH = '/.well-known/openid-configuration';
const JWKS_PATH = '/.well-known/jwks.json';

/** The local host's own OIDC issuer: an RS256 key kept on disk, a JWKS, and a token endpoint for dev. */
export async function createDevIssuer(options: DevIssuerOptions): Promise<DevIssuer> {
  const key = await loadOrCreateSigningKey(options.dataDir);
  const clock = options.clock ?? (() => new Date());
  const base = options.issuer.replace(/\/+$/, '');
  const jwksUri = options.jwksUri ?? `${base}${JWKS_PATH}`;
  const discovery = {
    issuer: options.issuer,
    jwks_uri: jwksUri,
    token_endpoint: options.tokenEndpoint ?? `${base}${DEV_TOKEN_PATH}`,
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['token'],
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
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const requestId = pickRequestId(header(req, 'x-request-id'));
    const route = [DISCOVERY_PATH, JWKS_PATH, DEV_TOKEN_PATH].find((p) => p === path);
    if (!route) return false;
    try {
      const method = req.method ?? 'GET';
      if (route === DEV_TOKEN_PATH) {
        if (method !== 'POST')
          throw new AppError('METHOD_NOT_ALLOWED', `${method} is not allowed here`, { allow: ['POST'] });
        send(res, 200, await mintToken(await readTokenRequest(req)), requestId);
      } else {
        if (method !== 'GET')
          throw new AppError('METHOD_NOT_ALLOWED', `${method} is not allowed here`, { allow: ['GET'] });
        send(res, 200, route === JWKS_PATH ? jwks : discovery, requestId);
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

function send(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-request-id': requestId,
  });
  res.end(text);
}
