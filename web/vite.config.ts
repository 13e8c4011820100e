// The web app's build: Vue + Vuetify (components imported on use), output dist/web. Vendor code is split so the
// first screen loads only the shell; each feature route is its own chunk (lazy `import()` in routes.ts files).
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import vuetify from 'vite-plugin-vuetify';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Long-lived vendor groups: cached across deploys that only change app code. */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/node_modules\/(oidc-client-ts|jwt-decode)\//.test(id)) return 'vendor-auth';
  if (/node_modules\/(cronstrue)\//.test(id)) return 'vendor-cron';
  if (/node_modules\/(zod)\//.test(id)) return 'vendor-zod';
  if (/node_modules\/(@vue|vue|vue-router|pinia|@tanstack)\//.test(id)) return 'vendor-vue';
  return undefined;
}

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  plugins: [vue(), vuetify({ autoImport: true, styles: true })],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:7071', '/config.json': 'http://localhost:7071' },
  },
});
