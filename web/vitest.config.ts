// Component and composable tests of the web app: happy-dom, Vue SFCs compiled, Vuetify components resolved.
import vue from '@vitejs/plugin-vue';
import vuetify from 'vite-plugin-vuetify';
import { defineProject } from 'vitest/config';

export default defineProject({
  plugins: [vue(), vuetify({ autoImport: true, styles: 'none' })],
  test: {
    name: 'web-unit',
    root: new URL('.', import.meta.url).pathname,
    include: ['src/**/*.test.ts'],
    environment: 'happy-dom',
    // One happy-dom window and one import of Vue/Vuetify per worker, not per file: per file, setting them up
    // was ~90% of this project's time (37 s → 9 s for 34 files). The tests (composables, one mounted view)
    // stub no module and no global, and pass in any order (checked with --sequence.shuffle).
    isolate: false,
    server: { deps: { inline: ['vuetify'] } },
  },
});
