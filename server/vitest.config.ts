import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'api',
          include: [
            'src/**/*.test.ts',
            'test/api/**/*.test.ts',
            'test/authz/**/*.test.ts',
            // PostgreSQL-only tools (seed:national): in the pass on PostgreSQL, not on PGlite.
            ...(process.env.TEST_DATABASE_URL ? ['test/postgres/**/*.test.ts'] : []),
          ],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        // Process-level checks (start, lock, exit times) run alone, so another test file's
        // database work does not share the two cores with the process being timed.
        extends: true,
        test: {
          name: 'process',
          include: ['test/process/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
