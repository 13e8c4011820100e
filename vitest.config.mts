import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
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
          globalSetup: ['test/support/global-azurite.ts'],
        },
      },
      // The web app's component and composable tests (happy-dom), without Azurite.
      'web/vitest.config.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
