/** The one public client the dev issuer knows (the web app) and where it may be sent back to. */
export interface OidcClientPolicy {
  clientId: string;
  /** Origins redirect and post-logout URIs may point at, e.g. `http://127.0.0.1:7071`. */
  redirectOrigins: readonly string[];
}

/** `http(s)` URL without credentials or fragment whose origin is allowed; anything else is refused. */
export function isAllowedRedirect(policy: OidcClientPolicy, uri: string | undefined): uri is string {
  if (!uri) return false;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.hash) return false;
  return policy.redirectOrigins.includes(url.origin);
}

/**
 * The origins a host at `urls` answers on: each URL's origin, and for loopback hosts the same port on
 * both `localhost` and `127.0.0.1` (a browser opened at either must be able to sign in).
 */
export function loopbackOrigins(urls: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const raw of urls) {
    const url = new URL(raw);
    origins.add(url.origin);
    if (url.hostname === 'localhost' || url.hostname === '127.0.0.1') {
      for (const host of ['localhost', '127.0.0.1'])
        origins.add(`${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`);
    }
  }
  return [...origins];
}
