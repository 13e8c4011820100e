import type { IncomingMessage, ServerResponse } from 'node:http';
import { webRuntimeConfigSchema, type WebRuntimeConfig } from '../../shared/contracts/web-runtime-config';

export const WEB_CONFIG_PATH = '/config.json';

/** `GET /config.json`: the web app's runtime settings, never cached (a changed setting applies at reload). */
export function createWebConfigEndpoint(config: WebRuntimeConfig, headers: Record<string, string>) {
  const body = JSON.stringify(webRuntimeConfigSchema.parse(config));
  return (req: IncomingMessage, res: ServerResponse, ctx: { url: URL }): boolean => {
    if (ctx.url.pathname !== WEB_CONFIG_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    res.writeHead(200, {
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'cache-control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
