import { afterAll, afterEach, beforeAll, it } from 'vitest';
import { expectNoFindings, launchInspectedBrowser, saveSessionLog, type InspectedBrowser } from 'realtime-inspector/recorder';
import type { Page } from 'puppeteer-core';
import { startDemoServer, type DemoServer } from '../src/demo/server'; // your app instead

let demo: DemoServer;
let inspected: InspectedBrowser;
let page: Page;
beforeAll(async () => {
  demo = await startDemoServer({ intervalMs: 100, sendEveryMs: 300 });
  inspected = await launchInspectedBrowser({ browser: 'chromium' }); // or 'firefox'
});
afterAll(async () => {
  await inspected?.close();
  await demo?.close();
});

// On failure: write what this test's tab recorded next to the other test output, and say so.
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') {
    const tabIds = [await inspected.tabIdOf(page)];
    const saved = await saveSessionLog(inspected, `test-results/${task.name}.session-log.json`, { tabIds });
    console.error(`${saved.summary} → ${saved.path}`);
  }
  await page?.close();
});

it('the chat runs without findings', async () => {
  page = await inspected.browser.newPage();
  await page.goto(demo.url);
  await page.waitForFunction(() => document.querySelectorAll('#chat li').length >= 12);

  // The chat only: the demo page also runs two streams that fail on purpose.
  const { connections } = await inspected.exportSessionLog({ tabIds: [await inspected.tabIdOf(page)] });
  const chat = connections.filter((c) => c.url.endsWith('/chat')).map((c) => c.id);
  expectNoFindings(await inspected.exportSessionLog({ connectionIds: chat }), { severity: 'warning' });
});
