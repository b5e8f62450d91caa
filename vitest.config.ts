import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most suites spend their time in child processes (the built CLI), so two workers on two
    // cores overlap them (with the default, the suite ran its files one at a time here).
    maxWorkers: 2,
    globalSetup: ['test/globalSetup.ts'],
  },
});
