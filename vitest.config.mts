import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: [
            'shared/**/*.test.ts',
            'local/**/*.test.ts',
            'functions/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          exclude: ['test/web/**'],
          globalSetup: ['test/support/global-azurite.ts'],
        },
      },
      {
        // Browser tests: real Chromium against ONE built host started for all of them (global-web-host.ts).
        extends: true,
        test: {
          name: 'web',
          include: ['test/web/**/*.test.ts'],
          globalSetup: ['test/web/support/global-web-host.ts'],
          testTimeout: 60_000,
        },
      },
      // The web app's component and composable tests (happy-dom), without Azurite or a host.
      'web/vitest.config.ts',
    ],
  },
});
