import { z } from 'zod';

/**
 * `GET /config.json`: what the web app reads at start instead of baking it into the build (the local
 * host serves it from settings; in Azure the Static Web App serves its own file).
 */
export const webRuntimeConfigSchema = z.strictObject({
  /** Base of the REST API, e.g. "/api/v1" (same origin) or an absolute URL. */
  apiBaseUrl: z.string().min(1),
  /** The OIDC authority (issuer) to sign in with. */
  authority: z.url(),
  clientId: z.string().min(1),
  /** Space-separated scopes to ask for. */
  scopes: z.string().min(1),
});
export type WebRuntimeConfig = z.infer<typeof webRuntimeConfigSchema>;
