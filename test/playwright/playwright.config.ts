// The sample Playwright project (docs/recorder.md): two tests against the demo server with the
// extension loaded by realtime-inspector/playwright. One passes; id-gap.spec.ts FAILS ON PURPOSE,
// so that its report carries the attached session log. `npm test` runs this project through
// test/playwright-sample.e2e.test.ts, which expects exactly that failure and checks the report.
// By hand (after `npm run build`): npx playwright test -c test/playwright/playwright.config.ts
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../.tmp/playwright/test-results',
  // One browser at a time on a 2-core machine; no retries, so the intended failure fails once.
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: 'list',
  use: { browserName: 'chromium', headless: true },
});
