import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAppConfig } from '../../shared/config/app-config';
import { loadTestApp } from '../host/testing/write-test-app';
import { createHttpServer, type HttpServer } from '../http/http-server';
import { mountWebApp } from './mount-web-app';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'static-web-'));
const webRoot = path.join(dir, 'web');
const config = parseAppConfig({
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  AUTH_ISSUER: 'http://127.0.0.1:7071',
  AUTH_AUDIENCE: 'report-scheduler',
  AUTH_JWKS_URL: 'http://127.0.0.1:7071/.well-known/jwks.json',
  WEB_CLIENT_ID: 'web-client',
});
const storage =
  'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10999/devstoreaccount1;';

let server: HttpServer;
let base: string;

async function startServer(root: string) {
  const app = await loadTestApp(`
    const { app } = require('@azure/functions');
    app.http('things', { methods: ['GET'], route: 'v1/things', handler: async () => ({ jsonBody: { ok: true } }) });
  `);
  const s = createHttpServer({ app, host: '127.0.0.1', port: 0, log: () => undefined });
  s.mount('/.well-known/', (_req, res) => res.end('issuer'));
  mountWebApp({
    server: s,
    config,
    webRoot: root,
    authority: 'http://127.0.0.1:7071',
    storageConnectionString: storage,
    reservedPrefixes: ['/.well-known/', '/runtime/'],
  });
  return { server: s, url: (await s.listen()).url };
}

beforeAll(async () => {
  fs.mkdirSync(path.join(webRoot, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>app</title><div id="app"></div>');
  fs.writeFileSync(path.join(webRoot, 'assets', 'index-Ab12Cd.js'), 'console.log("app")');
  fs.writeFileSync(path.join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.writeFileSync(path.join(webRoot, '.env'), 'SECRET=in-root');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'SECRET=outside');
  ({ server, url: base } = await startServer(webRoot));
});
afterAll(async () => {
  await server.close(1000);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A request whose path is sent byte for byte (fetch would normalise the dot segments away). */
function rawGet(rawPath: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(`${base}/`, { path: rawPath }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static web app in the local host', () => {
  it('serves index.html at / and for client routes, uncached, with the security headers', async () => {
    for (const route of ['/', '/runs/7f3a', '/gallery?artifact=a1', '/schedules/s-1/edit']) {
      const res = await fetch(`${base}${route}`);
      expect(res.status, route).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<div id="app">');
    }
    const res = await fetch(`${base}/runs`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:7071 http://127.0.0.1:10999");
    expect(csp).toContain("img-src 'self' data: blob: http://127.0.0.1:10999");
    expect(csp).toContain("frame-src 'self' blob: http://127.0.0.1:10999");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves hashed assets immutable and other files revalidated, with their types', async () => {
    const js = await fetch(`${base}/assets/index-Ab12Cd.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log("app")');
    const svg = await fetch(`${base}/favicon.svg`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.headers.get('cache-control')).toBe('no-cache');
    const again = await fetch(`${base}/favicon.svg`, {
      headers: { 'if-none-match': svg.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('answers a missing file with the 404 envelope, never index.html', async () => {
    const res = await fetch(`${base}/assets/index-Gone99.js`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('leaves /api/* and the issuer to the host, and serves no method but GET and HEAD', async () => {
    expect(await (await fetch(`${base}/api/v1/things`)).json()).toEqual({ ok: true });
    const unknown = await fetch(`${base}/api/v1/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await (await fetch(`${base}/.well-known/openid-configuration`)).text()).toBe('issuer');
    expect((await fetch(`${base}/runs`, { method: 'POST' })).status).toBe(404);
  });

  it('never serves a file outside the web root or a dotfile', async () => {
    for (const attempt of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%5csecret.txt',
      '/.env',
      '/assets/%2e%2e/.env',
      '/secret.txt%00.js',
      '/%E0%A4%A',
    ]) {
      const res = await rawGet(attempt);
      expect(res.body, attempt).not.toContain('SECRET');
      expect(res.status, attempt).toBe(404);
    }
  });

  it('serves /config.json from settings', async () => {
    const res = await fetch(`${base}/config.json`);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await res.json()).toEqual({
      apiBaseUrl: '/api/v1',
      authority: 'http://127.0.0.1:7071',
      clientId: 'web-client',
      scopes: 'openid profile',
    });
  });

  it('says how to build the app when dist/web has no index.html', async () => {
    const bare = await startServer(path.join(dir, 'not-built'));
    try {
      const res = await fetch(`${bare.url}/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build:web');
      expect((await fetch(`${bare.url}/api/v1/things`)).status).toBe(200);
    } finally {
      await bare.server.close(1000);
    }
  });
});
