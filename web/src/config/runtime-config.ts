/**
 * The settings the app reads at start from `/config.json` (served by the host, or by the Static Web App in Azure),
 * so one build runs against any API and issuer.
 */
import { z } from 'zod';

export const RuntimeConfig = z.object({
  apiBaseUrl: z.string().min(1),
  authority: z.url(),
  clientId: z.string().min(1),
  scopes: z.string().min(1).default('openid profile'),
});
export type RuntimeConfig = z.output<typeof RuntimeConfig>;

/** Fetches and checks the runtime config; the error names the bad fields so a misconfigured deploy says why. */
export async function loadRuntimeConfig(fetchFn: typeof fetch = fetch): Promise<RuntimeConfig> {
  const response = await fetchFn('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`GET /config.json answered ${response.status}`);
  const parsed = RuntimeConfig.safeParse(await response.json());
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new Error(`/config.json is invalid: ${fields}`);
  }
  return parsed.data;
}
