import type { ServerResponse } from 'node:http';

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Web app not built — Report Scheduler</title></head>
<body>
<main>
<h1>The web app is not built yet</h1>
<p>The API is running, but there is no <code>dist/web/index.html</code> to serve.</p>
<p>Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it), then reload this page.</p>
<p>API docs: <a href="/api/v1/docs">/api/v1/docs</a></p>
</main>
</body>
</html>
`;

/** What "/" answers when the web app was not built: how to build it (503, not an empty 404). */
export function sendMissingBuildPage(res: ServerResponse, headers: Record<string, string>): void {
  res.writeHead(503, {
    ...headers,
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(PAGE)),
    'cache-control': 'no-store',
  });
  res.end(PAGE);
}
