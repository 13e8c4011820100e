import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'local/**/*.test.ts',
      'functions/**/*.test.ts',
      'test/**/*.test.ts',
      'connector/**/*.test.ts',
    ],
    globalSetup: ['test/support/global-azurite.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
