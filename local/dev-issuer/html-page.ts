import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

const STYLE = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0; display: grid; place-items: center; min-height: 100vh; }
main { box-sizing: border-box; width: min(26rem, 100% - 2rem); padding: 1.5rem; border: 1px solid #8888; border-radius: 12px; }
h1 { font-size: 1.4rem; margin-top: 0; }
label, legend { display: block; font-weight: 600; margin: 0.75rem 0 0.25rem; }
input[type='text'] { width: 100%; box-sizing: border-box; padding: 0.5rem; font-size: 1rem; }
fieldset { border: 0; padding: 0; margin: 0; }
fieldset label { font-weight: normal; display: flex; gap: 0.5rem; align-items: center; }
.hint, .error { font-size: 0.9rem; margin: 0.25rem 0; }
.error { color: #b00020; font-weight: 600; }
@media (prefers-color-scheme: dark) { .error { color: #ff8a80; } }
.actions { display: flex; gap: 0.75rem; margin-top: 1.25rem; }
button { padding: 0.55rem 1.1rem; font-size: 1rem; border-radius: 6px; cursor: pointer; }
button[value='sign-in'] { background: #1565c0; color: #fff; border: 1px solid #1565c0; }
:focus-visible { outline: 3px solid #ff9800; outline-offset: 2px; }
`;
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Escapes text for HTML element content and double-quoted attributes. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * Sends one of the issuer's own pages: no script at all, its one stylesheet allowed by hash, forms
 * posting only to this origin and `formOrigins` (Chrome applies form-action to the redirect too).
 */
export function sendPage(
  res: ServerResponse,
  status: number,
  page: { title: string; body: string; formOrigins?: readonly string[] },
): void {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${page.body}
</main>
</body>
</html>
`;
  const formAction = ["'self'", ...(page.formOrigins ?? [])].join(' ');
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; style-src ${STYLE_HASH}; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(html);
}
