#!/usr/bin/env node
// `npm start`: build if needed, start the demo server, and open Chromium with the extension and
// DevTools on the demo page. With $DISPLAY it stays open until Ctrl+C. Without one it runs
// headless: opens the Realtime panel, waits until it shows the demo's traffic and its findings, saves a
// screenshot and the session log under artifacts/, prints both paths and exits.
//   --headless          headless even when $DISPLAY is set
//   --artifacts DIR     where panel.png and session-log.json go (default artifacts/)
//   --min-messages N    messages the panel must show before the screenshot (default 10)
//   --screenshot FILE   also copy the panel screenshot there (docs/screenshot-panel.png)
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt } from './lib/build-all.mjs';
import { artifactsDir, root } from './lib/paths.mjs';
import { poll } from './lib/poll.mjs';

const say = (line) => process.stdout.write(`${line}\n`);
const show = (path) => {
  const rel = relative(root, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
};

function parse() {
  const { values } = parseArgs({
    options: {
      headless: { type: 'boolean' },
      artifacts: { type: 'string' },
      'min-messages': { type: 'string' },
      screenshot: { type: 'string' },
    },
  });
  const minMessages = Number(values['min-messages'] ?? 10);
  if (!Number.isInteger(minMessages) || minMessages < 0) throw new Error('--min-messages must be a whole number');
  return {
    headless: Boolean(values.headless) || !process.env.DISPLAY,
    outDir: values.artifacts ? resolve(values.artifacts) : artifactsDir,
    minMessages,
    screenshot: values.screenshot ? resolve(values.screenshot) : undefined,
  };
}

async function runHeadful(inspected, page) {
  await page.openDevTools();
  say('Chromium is open with DevTools: choose the "Realtime" panel. Ctrl+C to stop.');
  await new Promise((stop) => {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    inspected.browser.once('disconnected', stop);
  });
}

async function runHeadless(inspected, page, opts) {
  // Undocked, the DevTools page shows DevTools alone: that is what the screenshot is of.
  const { devtools, panel } = await inspected.openPanel(page, { undock: true });
  await devtools.setViewport({ width: 1100, height: 640 });
  // The panel's document title carries its counts: "Realtime · 3 connections · 12 messages".
  const counts = await poll(
    'the panel did not show the demo traffic',
    async () => {
      const m = /(\d+) connections? · (\d+) messages?/.exec(await panel.evaluate(() => document.title));
      if (!m || Number(m[1]) < 3 || Number(m[2]) < opts.minMessages) return undefined;
      return { connections: Number(m[1]), messages: Number(m[2]) };
    },
    { timeoutMs: 30_000 + opts.minMessages * 1000 },
  );
  // The demo's point: the panel names what went wrong (quotes missed after a reconnect, an
  // alerts stream the browser gave up on). Wait until it lists warnings or errors.
  const findings = await poll(
    'the panel listed no warning or error for the demo',
    async () => {
      const loud = await panel.$$eval('[data-testid="finding"]', (els) => els.filter((e) => e.getAttribute('data-severity') !== 'info').map((e) => e.getAttribute('data-kind')));
      return loud.includes('event-id-gap') && loud.includes('eventsource-fatal') ? loud.length : undefined;
    },
    { timeoutMs: 30_000 },
  );
  // Select the quotes connection so the screenshot shows its messages next to its findings.
  // Best effort: without it the screenshot is still the panel.
  await panel.click('[data-testid="connection-row"][data-url$="/quotes"]').catch(() => {});
  await poll('no message rows', async () => ((await panel.$('[data-testid="message-row"]')) ? true : undefined), { timeoutMs: 10_000 }).catch(() => {});

  mkdirSync(opts.outDir, { recursive: true });
  const screenshot = join(opts.outDir, 'panel.png');
  await devtools.screenshot({ path: screenshot });
  if (opts.screenshot) copyFileSync(screenshot, opts.screenshot);
  const logFile = join(opts.outDir, 'session-log.json');
  const log = await inspected.exportSessionLog();
  writeFileSync(logFile, `${JSON.stringify(log, null, 2)}\n`);
  say(`panel showed ${counts.connections} connections, ${counts.messages} messages, ${findings} warnings or errors`);
  say(`screenshot: ${show(screenshot)}`);
  say(`session log: ${show(logFile)} (${log.connections.length} connections, ${log.events.length} events)`);
}

async function main() {
  const opts = parse();
  await ensureBuilt();
  const { startDemoServer } = await import('../dist/recorder/demo-server.js');
  const { launchInspectedBrowser } = await import('../dist/recorder/index.js');

  const demo = await startDemoServer();
  say(`demo page: ${demo.url}`);
  let inspected;
  try {
    inspected = await launchInspectedBrowser({ devtools: true, headless: opts.headless });
    // The launch's own tab, not the exporter page the ready handshake opened.
    const first = (await inspected.browser.pages()).find((p) => !p.url().startsWith(inspected.extensionOrigin ?? '\0'));
    const page = first ?? (await inspected.browser.newPage());
    await page.setViewport({ width: 1280, height: 720 });
    await page.goto(demo.url, { waitUntil: 'load' });
    if (opts.headless) await runHeadless(inspected, page, opts);
    else await runHeadful(inspected, page);
  } finally {
    await inspected?.close().catch(() => {});
    await demo.close().catch(() => {});
  }
}

try {
  await main();
} catch (err) {
  process.stderr.write(`start: ${err.message}\n`);
  process.exitCode = 1;
}
