#!/usr/bin/env node
// Does the message list reach every row of a 1,000,000-event connection? Browsers cap an
// element's height (Firefox ≈ 17.9 M px), so before row-window.ts Firefox could not scroll past
// row ~994,000. Generates the connection through the background's real ingest path (ingest.mjs),
// opens the panel page as a tab at its default window (500,000 rows), and reports: the scroller's height, the last row in view at the live end, and
// the first row after Home. Hold the browser lock:
//   flock /tmp/ri-browser.lock node scripts/bench/long-list.mjs [--n 1000000] [chromium] [firefox]
import { ensureBuilt } from '../lib/build-all.mjs';
import { ingestSample } from './scenarios/ingest.mjs';
import { startBenchServer } from './server.mjs';

const args = process.argv.slice(2);
const nAt = args.indexOf('--n');
const n = nAt >= 0 ? Number(args[nAt + 1]) : 1_000_000;
const browsers = args.filter((a) => a === 'chromium' || a === 'firefox');
const say = (line) => process.stdout.write(`${line}\n`);

/** Polls `fn` in the page (Firefox may never resolve a navigation to moz-extension://). */
async function until(page, fn, arg, what, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await page.evaluate(fn, arg).catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Polls `get` (in Node) until `ok` holds for its value. */
async function poll(get, ok, what, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await get().catch(() => undefined);
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last seen: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** In the panel: the rows in view once all are read (null while some are still placeholders). */
function rowsInView() {
  const el = document.querySelector('.messages-scroll');
  const rows = [...el.querySelectorAll('[data-testid="message-row"]')];
  if (rows.length === 0 || rows.some((r) => r.classList.contains('msg-loading'))) return null;
  const seen = rows
    .map((r) => ({ seq: Number(r.getAttribute('data-seq')), top: Number(/translateY\((-?[\d.]+)px\)/.exec(r.style.transform)?.[1]) }))
    .filter((r) => r.top + 18 > el.scrollTop && r.top < el.scrollTop + el.clientHeight)
    .map((r) => r.seq);
  return { first: Math.min(...seen), last: Math.max(...seen), scrollHeight: el.scrollHeight, scrollTop: el.scrollTop, clientHeight: el.clientHeight };
}

async function check(browserName, server) {
  const { result, session } = await ingestSample({ browserName, server, n, keep: true });
  try {
    say(`${browserName}: ${n.toLocaleString('en-US')} events ingested in ${(result.ms / 1000).toFixed(1)} s`);
    const page = await session.inspected.browser.newPage();
    page.goto(`${session.inspected.extensionOrigin}/src/panel/panel.html?tabId=${result.tabId}`).catch(() => {});
    await until(page, () => {
      document.querySelector('[data-testid="connection-row"]')?.click();
      return document.querySelector('[data-testid="message-list"]') !== null;
    }, undefined, 'the message list');
    // The injected session's events (its lifecycle rows included): the list's length is the connection's lastSeq.
    const count = await poll(() => page.evaluate(() => Number(document.querySelector('[data-testid="message-list"]')?.getAttribute('data-count'))), (c) => c >= n, 'every row counted');
    const tail = await poll(() => page.evaluate(rowsInView), (r) => r?.last === count, 'the last row in view');
    const window = await page.evaluate(() => {
      const l = document.querySelector('[data-testid="message-list"]');
      return { first: Number(l.getAttribute('data-window-first')), rows: Number(l.getAttribute('data-window-rows')) };
    });
    // Home (the list's keyboard) reaches the first row, through a window move.
    await page.evaluate(() => {
      const el = document.querySelector('.messages-scroll');
      el.focus();
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    });
    const head = await poll(() => page.evaluate(rowsInView), (r) => r?.first === 1, 'the first row in view after Home');
    const out = { browser: browserName, rows: count, window, scrollerHeightPx: tail.scrollHeight, lastRowInView: tail.last, firstRowAfterHome: head.first };
    say(`  ${JSON.stringify(out)}`);
    return out;
  } finally {
    await session.close();
  }
}

await ensureBuilt();
const server = await startBenchServer();
try {
  for (const b of browsers.length ? browsers : ['chromium', 'firefox']) await check(b, server);
} finally {
  await server.close();
}
