type Json = Record<string, unknown>;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The Content-Security-Policy of the docs page: no scripts, no external anything. */
export const DOCS_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A self-contained HTML page (no script, no CDN) listing the operations of an OpenAPI document. */
export function renderDocsPage(document: Json, openApiUrl: string): string {
  const info = (document.info ?? {}) as { title?: string; version?: string };
  const rows: string[] = [];
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(item)) {
      const statuses = Object.keys(op.responses ?? {}).join(' ');
      const secured = Array.isArray(op.security) && op.security.length > 0;
      rows.push(
        `<tr><td class="m ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</td>` +
          `<td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(typeof op.summary === 'string' ? op.summary : '')}</td>` +
          `<td>${escapeHtml(((op.tags ?? []) as string[]).join(', '))}</td><td>${secured ? 'token' : 'public'}</td>` +
          `<td>${escapeHtml(statuses)}</td></tr>`,
      );
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title ?? 'API')} — API reference</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;margin:2rem;color:#1b1f24}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #d8dee4;vertical-align:top}
.m{font-weight:600;font-family:monospace}.get{color:#0969da}.post{color:#1a7f37}.put,.patch{color:#9a6700}.delete{color:#cf222e}
</style></head><body>
<h1>${escapeHtml(info.title ?? 'API')} <small>${escapeHtml(info.version ?? '')}</small></h1>
<p>Machine-readable description: <a href="${escapeHtml(openApiUrl)}">${escapeHtml(openApiUrl)}</a> (OpenAPI 3.1).
Send <code>Authorization: Bearer &lt;token&gt;</code> to operations marked <em>token</em>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>Summary</th><th>Tags</th><th>Auth</th><th>Responses</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></body></html>
`;
}
