import { defineConfig } from 'vitest/config';

/**
 * Test files that replace modules, functions or the environment (vi.mock, vi.spyOn, vi.stubEnv)
 * for their own checks: each runs in a fresh module graph. The others share one per worker
 * (`isolate: false`), which saves loading the sources again for every file: on two cores the
 * suite took 347 s with every file isolated and 286–294 s so (2026-12-06).
 * test/testConfig.test.ts checks that every file that replaces something is listed here.
 */
export const ISOLATED = [
  'test/api/library.test.ts',
  'test/cli/failure.test.ts',
  'test/cli/progress.test.ts',
  'test/io/csvReader.test.ts',
  'test/robustness/vanishingFiles.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most suites spend their time in child processes (the built CLI), so two workers on two
    // cores overlap them (with the default, the suite ran its files one at a time here).
    maxWorkers: 2,
    globalSetup: ['test/globalSetup.ts'],
    projects: [
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: ISOLATED,
          isolate: false,
        },
      },
    ],
  },
});
