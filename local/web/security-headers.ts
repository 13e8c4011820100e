export interface WebOrigins {
  /** The OIDC authority the app signs in with (fetches discovery and tokens from it). */
  authority: string;
  /** Blob storage, where thumbnails and previews are read through signed URLs; undefined when unknown. */
  blobOrigin?: string | undefined;
}

/**
 * The web app's Content-Security-Policy: scripts only from the app's origin (no inline script),
 * connections to the API (same origin) and the authority, images and frames from the app, `blob:`/`data:`
 * and blob storage only; nobody may frame the app. Inline styles are allowed: Vuetify injects its theme
 * as a `<style>` element at run time.
 */
export function contentSecurityPolicy(origins: WebOrigins): string {
  const authority = new URL(origins.authority).origin;
  const blob = origins.blobOrigin ? [origins.blobOrigin] : [];
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:', ...blob],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'", authority, ...blob],
    ['frame-src', "'self'", 'blob:', ...blob],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'", authority],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((d) => [...new Set(d)].join(' ')).join('; ');
}

/** Headers on every answer of the web app (files, the SPA fallback, config.json). */
export function securityHeaders(origins: WebOrigins): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(origins),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  };
}

/** The origin of the blob endpoint a storage connection string names (Azurite's or an account's). */
export function blobOriginOf(connectionString: string): string | undefined {
  const parts = new Map(
    connectionString
      .split(';')
      .map((p) => p.split(/=(.*)/s))
      .filter((kv): kv is [string, string] => kv.length >= 2 && kv[0] !== undefined)
      .map(([k, v]) => [k.trim().toLowerCase(), v.trim()]),
  );
  const endpoint = parts.get('blobendpoint');
  if (endpoint) return new URL(endpoint).origin;
  if (/^usedevelopmentstorage=true$/i.test(connectionString.trim())) return 'http://127.0.0.1:10000';
  const account = parts.get('accountname');
  if (!account) return undefined;
  return `${parts.get('defaultendpointsprotocol') ?? 'https'}://${account}.blob.${parts.get('endpointsuffix') ?? 'core.windows.net'}`;
}
