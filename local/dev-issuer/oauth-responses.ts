import type { IncomingMessage, ServerResponse } from 'node:http';

export type OAuthErrorCode =
  'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type';

/** A JSON answer that no cache keeps (tokens, errors: RFC 6749 §5.1). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    pragma: 'no-cache',
  });
  res.end(text);
}

/** An OAuth error response (RFC 6749 §5.2): `{ error, error_description }`, 400 (401 for the client). */
export function sendOAuthError(
  res: ServerResponse,
  error: OAuthErrorCode,
  description: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, error === 'invalid_client' ? 401 : 400, { error, error_description: description }, headers);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  res.end();
}

/**
 * CORS for the issuer's JSON endpoints, for the web app's own origins only: a browser at
 * `http://localhost:7071` fetches discovery and tokens from the issuer at `http://127.0.0.1:7071`.
 */
export function corsHeaders(req: IncomingMessage, allowedOrigins: readonly string[]): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !allowedOrigins.includes(origin)) return {};
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

/** Answers a CORS preflight from an allowed origin (204), or refuses it (403). */
export function answerPreflight(
  req: IncomingMessage,
  res: ServerResponse,
  allowedOrigins: readonly string[],
) {
  const cors = corsHeaders(req, allowedOrigins);
  if (!cors['access-control-allow-origin']) {
    res.writeHead(403).end();
    return;
  }
  res.writeHead(204, {
    ...cors,
    'access-control-allow-methods': 'GET, POST',
    'access-control-allow-headers': 'content-type, authorization',
    'access-control-max-age': '600',
  });
  res.end();
}
