import { test, expect } from 'realtime-inspector/playwright';
import { startDemoServer, type DemoServer } from '../../src/demo/server'; // your app instead

let demo: DemoServer;
test.beforeAll(async () => {
  demo = await startDemoServer({ intervalMs: 100, sendEveryMs: 300, sseDropEvery: 4 });
});
test.afterAll(async () => {
  await demo.close();
});

test('the chat and the feed run without findings', async ({ page, inspector }) => {
  await page.goto(demo.url);
  // The feed drops after 4 events and resumes: 6 events mean it reconnected once.
  await expect.poll(() => page.locator('#chat li').count()).toBeGreaterThanOrEqual(12);
  await expect.poll(() => page.locator('#feed li').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(6);

  const log = await inspector.exportSessionLog();
  expect(log.connections.map((c) => c.kind)).toContain('eventsource');
  expect(log).toHaveNoFindings({ severity: 'warning' });
});
