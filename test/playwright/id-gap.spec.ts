import { test, expect } from 'realtime-inspector/playwright';
import { startDemoServer, type DemoServer } from '../../src/demo/server'; // your app instead

let demo: DemoServer;
test.beforeAll(async () => {
  // A server that drops chat message 8: the kind of bug this test is there to catch.
  demo = await startDemoServer({ intervalMs: 100, sendEveryMs: 300, chatSkipSeqs: [8] });
});
test.afterAll(async () => {
  await demo.close();
});

// Fails on purpose: the report gets the session log and a one-line findings summary.
test('the chat loses no message', async ({ page, inspector }) => {
  await page.goto(demo.url);
  await expect.poll(() => page.locator('#chat li').count()).toBeGreaterThanOrEqual(12);

  const { connections } = await inspector.exportSessionLog();
  const chat = connections.filter((c) => c.url.endsWith('/chat')).map((c) => c.id);
  expect(await inspector.exportSessionLog({ connectionIds: chat })).toHaveNoFindings();
});
