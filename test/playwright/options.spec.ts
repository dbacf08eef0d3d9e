// Not in the docs: the fixture's options at work. A passing test that attaches its log anyway, as
// HAR (`inspectorLog: 'always'`, `inspectorLogFormat: 'har'`), and unsanitized.
import { test, expect } from 'realtime-inspector/playwright';
import { startDemoServer, type DemoServer } from '../../src/demo/server';

test.use({ inspectorLog: 'always', inspectorLogFormat: 'har', inspectorIncludeSensitive: true });

let demo: DemoServer;
test.beforeAll(async () => {
  demo = await startDemoServer({ intervalMs: 100, sendEveryMs: 300 });
});
test.afterAll(async () => {
  await demo.close();
});

test('a passing test attaches its log as HAR when asked to', async ({ page }) => {
  await page.goto(`${demo.url}?token=kept-because-includeSensitive`);
  await expect.poll(() => page.locator('#chat li').count()).toBeGreaterThanOrEqual(6);
});
