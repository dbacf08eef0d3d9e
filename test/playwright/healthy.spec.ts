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

  // Assert on what this test is about: the demo page also runs two streams that fail on purpose.
  const { connections } = await inspector.exportSessionLog();
  const ours = connections.filter((c) => /\/(chat|events)$/.test(c.url)).map((c) => c.id);
  expect(ours).toHaveLength(2);
  expect(await inspector.exportSessionLog({ connectionIds: ours })).toHaveNoFindings({ severity: 'warning' });
});
