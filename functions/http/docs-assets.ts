import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The files the API reference page loads: Swagger UI's bundle and stylesheet, read from the installed
 * `swagger-ui-dist` package (a runtime dependency, deployed with the app), and our init script.
 */
export interface DocsAsset {
  contentType: string;
  /** A version for `ETag` (the package version: the files never change without it). */
  version: string;
  read(): Promise<string>;
}

/**
 * Starts Swagger UI on the page's mount point with the OpenAPI document. "Try it" calls this page's own
 * origin (first in the server list), so it works against whichever host serves the page — the CSP allows
 * no other. Paste a token with "Authorize" (bearerAuth); nothing is stored.
 */
export const DOCS_INIT_SCRIPT = `'use strict';
(function () {
  var root = document.getElementById('swagger-ui');
  var specUrl = root.getAttribute('data-openapi-url');
  fetch(specUrl, { headers: { accept: 'application/json' } })
    .then(function (response) {
      if (!response.ok) throw new Error('GET ' + specUrl + ' answered ' + response.status);
      return response.json();
    })
    .then(function (spec) {
      var here = { url: window.location.origin, description: 'This host' };
      spec.servers = [here].concat(
        (spec.servers || []).filter(function (server) { return server.url !== here.url; })
      );
      window.SwaggerUIBundle({
        spec: spec,
        domNode: root,
        deepLinking: true,
        validatorUrl: null,
        persistAuthorization: false,
        presets: [window.SwaggerUIBundle.presets.apis],
        layout: 'BaseLayout'
      });
    })
    .catch(function (error) {
      root.textContent = 'The API description could not be loaded: ' + error.message;
    });
})();
`;

const JS = 'text/javascript; charset=utf-8';

/** The assets by file name; anything else is not served. */
export function docsAssets(): Record<string, DocsAsset> {
  const packageJson = require.resolve('swagger-ui-dist/package.json');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  const fromPackage = (file: string, contentType: string): DocsAsset => ({
    contentType,
    version: `swagger-ui-dist-${version}`,
    read: () => readFile(path.join(path.dirname(packageJson), file), 'utf8'),
  });
  return {
    'swagger-ui-bundle.js': fromPackage('swagger-ui-bundle.js', JS),
    'swagger-ui.css': fromPackage('swagger-ui.css', 'text/css; charset=utf-8'),
    'docs-init.js': {
      contentType: JS,
      version: `init-${createHash('sha256').update(DOCS_INIT_SCRIPT).digest('hex').slice(0, 16)}`,
      read: () => Promise.resolve(DOCS_INIT_SCRIPT),
    },
  };
}
