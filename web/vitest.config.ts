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
    server: { deps: { inline: ['vuetify'] } },
  },
});
