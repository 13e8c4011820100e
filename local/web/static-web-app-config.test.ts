import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers';

interface SwaConfig {
  navigationFallback: { rewrite: string; exclude: string[] };
  routes: { route: string; headers?: Record<string, string> }[];
  globalHeaders: Record<string, string>;
}

const swa = JSON.parse(fs.readFileSync('web/public/staticwebapp.config.json', 'utf8')) as SwaConfig;
const lower = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

describe('staticwebapp.config.json (the web app in Azure)', () => {
  it('sends the headers the local host sends, for Entra ID and blob storage', () => {
    expect(lower(swa.globalHeaders)).toEqual(
      securityHeaders({
        authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0',
        blobOrigin: 'https://*.blob.core.windows.net',
      }),
    );
  });

  it('falls back to index.html for client routes only, never for /api/* or assets', () => {
    expect(swa.navigationFallback.rewrite).toBe('/index.html');
    expect(swa.navigationFallback.exclude).toEqual(
      expect.arrayContaining(['/api/*', '/assets/*', '/config.json']),
    );
    const assets = swa.routes.find((r) => r.route === '/assets/*');
    expect(assets?.headers?.['Cache-Control']).toBe('public, max-age=31536000, immutable');
    expect(swa.routes.find((r) => r.route === '/index.html')?.headers?.['Cache-Control']).toBe('no-cache');
  });
});
