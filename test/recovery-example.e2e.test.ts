// "Our feed survives a 5-second outage": the README's example, verbatim (scripts/lib/doc-examples.test.mjs).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchInspectedBrowser, type InspectedBrowser } from '../src/recorder/index'; // 'realtime-inspector/recorder'
import { startRecoveryServer } from './pages/recovery-server'; // your app instead
import type { TestServer } from './harness/servers';

let app: TestServer;
let inspected: InspectedBrowser;
beforeAll(async () => {
  app = await startRecoveryServer();
  inspected = await launchInspectedBrowser({ browser: 'chromium' }); // or 'firefox'
});
afterAll(async () => {
  await inspected.close();
  await app.close();
});

it('the feed survives a 5-second outage', async () => {
  const page = await inspected.browser.newPage();
  await page.goto(`${app.origin}/app?transport=ws&app=good`);
  await page.waitForFunction(() => (window as unknown as { feed: { seqs: number[] } }).feed.seqs.length >= 10);

  // The page sees a network loss (error, close 1006); reconnects are refused for 5 s.
  const fault = await inspected.faults.drop('/feed', { page, outageMs: 5000 });
  const verdict = await fault.verdict(); // waits until the analysis has judged the recovery

  expect(verdict.status, verdict.message).toBe('recovered');
  expect(verdict.message).toMatch(/^Recovered in [\d.]+ s .*; 0 events missed\.$/);
});
