import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../local/http/http-server';
import { installDeps } from '../composition-root';
import { loadFunctions, testConfig, testDeps } from '../http/testing/http-test-kit';

let server: HttpServer;
let base: string;
let uninstallDeps: (() => void) | undefined;

beforeAll(async () => {
  // The API's functions behind the local host's HTTP front door: routing as a client meets it.
  const app = await loadFunctions(() =>
    Promise.all([
      import('./health.js'),
      import('./openapi.js'),
      import('./api-docs.js'),
      import('./runs.js'),
      import('./not-found.js'),
    ]),
  );
  uninstallDeps = installDeps(testDeps(testConfig()));
  server = createHttpServer({
    app: { ...app, capabilities: {} },
    host: '127.0.0.1',
    port: 0,
    log: () => undefined,
  });
  base = (await server.listen()).url;
});
afterAll(async () => {
  await server?.close(1000);
  uninstallDeps?.();
});

const packageFile = (file: string) =>
  readFileSync(path.join(path.dirname(require.resolve('swagger-ui-dist/package.json')), file), 'utf8');

describe('the interactive API reference at /api/v1/docs', () => {
  it('is an HTML page under a strict CSP with no inline script or style', async () => {
    const res = await fetch(`${base}/api/v1/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.map((s) => s[1]!.match(/src="([^"]+)"/)?.[1])).toEqual([
      '/api/v1/docs/assets/swagger-ui-bundle.js',
      '/api/v1/docs/assets/docs-init.js',
    ]);
    for (const script of scripts) expect(script[2]!.trim()).toBe('');
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=|https?:\/\//i);
    expect(html).toContain('href="/api/v1/docs/assets/swagger-ui.css"');
    expect(html).toContain('data-openapi-url="/api/v1/openapi.json"');
  });

  it('serves Swagger UI from the installed package, and the init script, as files with their types', async () => {
    for (const [file, type, body] of [
      ['swagger-ui-bundle.js', /^text\/javascript/, packageFile('swagger-ui-bundle.js')],
      ['swagger-ui.css', /^text\/css/, packageFile('swagger-ui.css')],
      ['docs-init.js', /^text\/javascript/, undefined],
    ] as const) {
      const res = await fetch(`${base}/api/v1/docs/assets/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).toMatch(type);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const text = await res.text();
      if (body !== undefined) expect(text === body, file).toBe(true);
      else expect(text).toContain('SwaggerUIBundle(');
      const again = await fetch(`${base}/api/v1/docs/assets/${file}`, {
        headers: { 'if-none-match': res.headers.get('etag')! },
      });
      expect(again.status, file).toBe(304);
    }
  });

  it('the init script points "try it" at this origin and reads the document the page names', async () => {
    const script = await (await fetch(`${base}/api/v1/docs/assets/docs-init.js`)).text();
    expect(script).toContain('window.location.origin');
    expect(script).toContain("getAttribute('data-openapi-url')");
    const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as {
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('any other asset name is a 404 envelope, never a file of the disk', async () => {
    for (const name of ['package.json', '..%2F..%2Fpackage.json', 'index.html']) {
      const res = await fetch(`${base}/api/v1/docs/assets/${name}`);
      expect(res.status, name).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
  });
});

describe('HEAD answers wherever GET does', () => {
  it('with the GET’s status and headers and no body', async () => {
    for (const url of ['/api/health', '/api/v1/openapi.json', '/api/v1/docs']) {
      const get = await fetch(`${base}${url}`);
      expect((await get.arrayBuffer()).byteLength, url).toBeGreaterThan(0);
      const head = await fetch(`${base}${url}`, { method: 'HEAD' });
      expect(head.status, url).toBe(200);
      expect(head.headers.get('content-type'), url).toBe(get.headers.get('content-type'));
      expect(head.headers.get('x-request-id'), url).toBeTruthy();
      expect((await head.arrayBuffer()).byteLength, url).toBe(0);
    }
  });

  it('through the same pipeline: a protected resource without a token is 401, not 404', async () => {
    const head = await fetch(`${base}/api/v1/runs`, { method: 'HEAD' });
    expect(head.status).toBe(401);
    expect((await fetch(`${base}/api/v1/nothing-here`, { method: 'HEAD' })).status).toBe(404);
  });
});
