#!/usr/bin/env node
// `npm start`: build if needed, start the demo server, and open Chromium with the extension and
// DevTools on the demo page. With $DISPLAY it stays open until Ctrl+C. Without one it runs
// headless: opens the Realtime panel, waits until it shows the demo's traffic, saves a
// screenshot and the session log under artifacts/, prints both paths and exits.
//   --screenshot FILE   also copy the panel screenshot there (docs/screenshot-panel.png)
//   --min-messages N    messages the panel must show before the screenshot (default 10)
//   --headless          headless even when $DISPLAY is set
import { mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt } from './lib/build-all.mjs';
import { artifactsDir, root } from './lib/paths.mjs';
import { openRealtimePanel, poll, undockDevTools } from './lib/devtools-panel.mjs';

const { values: args } = parseArgs({ options: { screenshot: { type: 'string' }, headless: { type: 'boolean' }, 'min-messages': { type: 'string' } } });
const headless = args.headless || !process.env.DISPLAY;
const minMessages = Number(args['min-messages'] ?? 10);
const say = (line) => process.stdout.write(`${line}\n`);

await ensureBuilt();
const { startDemoServer } = await import('../dist/recorder/demo-server.js');
const { launchInspectedBrowser } = await import('../dist/recorder/index.js');

const demo = await startDemoServer();
say(`demo page: ${demo.url}`);
const inspected = await launchInspectedBrowser({ devtools: true, headless });
const cleanup = async () => {
  await inspected.close().catch(() => {});
  await demo.close().catch(() => {});
};

try {
  const [first] = await inspected.browser.pages();
  const page = first ?? (await inspected.browser.newPage());
  await page.setViewport({ width: 1280, height: 720 });
  await page.goto(demo.url, { waitUntil: 'load' });

  if (!headless) {
    await page.openDevTools();
    say('Chromium is open with DevTools: choose the "Realtime" panel. Ctrl+C to stop.');
    await new Promise((resolveStop) => {
      process.once('SIGINT', resolveStop);
      process.once('SIGTERM', resolveStop);
      inspected.browser.once('disconnected', resolveStop);
    });
  } else {
    const { devtools, panel } = await openRealtimePanel(page, inspected.extensionOrigin);
    await undockDevTools(devtools);
    await devtools.setViewport({ width: 1100, height: 640 });
    // The panel's document title carries its counts: "Realtime · 3 connections · 12 messages".
    const counts = await poll('the panel did not show the demo traffic', async () => {
      const title = await panel.evaluate(() => document.title);
      const m = /(\d+) connections? · (\d+) messages?/.exec(title);
      return m && Number(m[1]) >= 3 && Number(m[2]) >= minMessages ? { connections: Number(m[1]), messages: Number(m[2]) } : undefined;
    }, { timeoutMs: 30_000 + minMessages * 1000 });
    // Select the chat connection so the screenshot shows a message list, not only the table.
    await panel.click('[data-testid="connection-row"][data-url*="/chat"]').catch(() => {});
    await poll('the chat messages did not show', async () => ((await panel.$('[data-testid="message-row"]')) ? true : undefined), {
      timeoutMs: 10_000,
    }).catch(() => {});

    mkdirSync(artifactsDir, { recursive: true });
    const screenshot = join(artifactsDir, 'panel.png');
    await devtools.screenshot({ path: screenshot });
    const logFile = join(artifactsDir, 'session-log.json');
    const log = await inspected.exportSessionLog();
    writeFileSync(logFile, `${JSON.stringify(log, null, 2)}\n`);
    if (args.screenshot) copyFileSync(screenshot, resolve(args.screenshot));
    say(`panel showed ${counts.connections} connections, ${counts.messages} messages`);
    say(`screenshot: ${relative(root, screenshot)}`);
    say(`session log: ${relative(root, logFile)} (${log.connections.length} connections, ${log.events.length} events)`);
  }
} catch (err) {
  process.stderr.write(`start: ${err.message}\n`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
