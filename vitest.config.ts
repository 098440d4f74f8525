import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One temp folder per run, removed at the end: tests leave no personal data behind.
    globalSetup: ['test/globalTempRoot.ts'],
    environment: 'node',
    // SQLite files and a server per file: keep files isolated, two at a time on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser assertions poll: give a loaded 2-core machine time before calling it a failure.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
