// End-to-end tests: real browsers driven by puppeteer-core against servers on 127.0.0.1.
// One file at a time: two browsers at once on a 2-core machine only make each other flaky.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // Builds dist/ when it is missing or older than the sources, once per run.
    globalSetup: ['./scripts/e2e-global-setup.mjs'],
    passWithNoTests: false,
    // One retry for a test that fails: real browsers on a shared 2-core machine have timing
    // flakes. A test that fails twice fails the run; one that passed only on its retry is not
    // hidden: scripts/test-summary.mjs lists it as flaky in the CI log, with its first failure.
    retry: 1,
    // CI also writes a JSON report, summed up by scripts/test-summary.mjs into one closing line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.tmp/vitest-e2e.json' },
  },
});
