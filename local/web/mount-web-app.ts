import type { AppConfig } from '../../shared/config/app-config';
import type { HttpServer } from '../http/http-server';
import { blobOriginOf, securityHeaders } from './security-headers';
import { createStaticWebHandler } from './static-web';
import { createWebConfigEndpoint, WEB_CONFIG_PATH } from './web-config-endpoint';

export interface WebAppMount {
  server: Pick<HttpServer, 'mount'>;
  config: AppConfig;
  /** The built app (dist/web). */
  webRoot: string;
  /** The OIDC authority the app signs in with. */
  authority: string;
  storageConnectionString: string;
  /** Prefixes that are never the app's, besides /api/ (the host's own endpoints). */
  reservedPrefixes: readonly string[];
}

/**
 * The web app at "/" (a fallback: only paths no function route claims) and its `/config.json`, with the
 * app's security headers on both.
 */
export function mountWebApp(options: WebAppMount): void {
  const headers = securityHeaders({
    authority: options.authority,
    blobOrigin: blobOriginOf(options.storageConnectionString),
  });
  options.server.mount(
    WEB_CONFIG_PATH,
    createWebConfigEndpoint(
      {
        apiBaseUrl: options.config.WEB_API_BASE_URL,
        authority: options.authority,
        clientId: options.config.WEB_CLIENT_ID,
        scopes: options.config.WEB_SCOPES,
      },
      headers,
    ),
  );
  options.server.mount(
    '/',
    createStaticWebHandler({
      root: options.webRoot,
      headers,
      reservedPrefixes: ['/api/', ...options.reservedPrefixes],
    }),
    { stage: 'fallback' },
  );
}
