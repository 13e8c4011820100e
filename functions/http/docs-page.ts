/**
 * The interactive API reference: Swagger UI from the `swagger-ui-dist` package, served by the app
 * itself (no CDN) under a strict Content-Security-Policy — scripts and styles only from this origin, no
 * inline script, calls ("try it") only to this origin. The page is static HTML; the script that starts
 * Swagger UI is a file of its own (`docs-assets.ts`).
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // Swagger UI's icons are data: URIs in its stylesheet.
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export interface DocsPageOptions {
  title: string;
  /** Where the OpenAPI document is (read by the init script from `data-openapi-url`). */
  openApiUrl: string;
  /** The folder the assets are served from, ending in `/`. */
  assetsUrl: string;
}

/** The reference page: a mount point, the stylesheet and two script files; no inline script or style. */
export function renderDocsPage({ title, openApiUrl, assetsUrl }: DocsPageOptions): string {
  const asset = (file: string) => escapeHtml(`${assetsUrl}${file}`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — API reference</title>
<link rel="stylesheet" href="${asset('swagger-ui.css')}">
</head><body>
<noscript><p>The interactive reference needs JavaScript. The API is described at
<a href="${escapeHtml(openApiUrl)}">${escapeHtml(openApiUrl)}</a> (OpenAPI 3.1).</p></noscript>
<div id="swagger-ui" data-openapi-url="${escapeHtml(openApiUrl)}"></div>
<script src="${asset('swagger-ui-bundle.js')}"></script>
<script src="${asset('docs-init.js')}"></script>
</body></html>
`;
}
