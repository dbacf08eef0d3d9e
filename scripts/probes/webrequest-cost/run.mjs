// What the background's webRequest listeners cost a page of ordinary fetches (issue 14: the
// 2,000-small-fetches bench scenario is far above its 1.02× target in Chromium). Runs the bench
// page's benchSmallFetches in fresh browsers: no extension, the built extension, and copies of
// it with parts of its webRequest observation switched off in the built background script.
// Usage: node scripts/probes/webrequest-cost/run.mjs [chromium|firefox] [reps] [n]
import { cpSync, readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchInspectedBrowser } from '../../../dist/recorder/index.js';
import { startBenchServer } from '../../bench/server.mjs';

const name = process.argv[2] ?? 'chromium';
const reps = Number(process.argv[3] ?? 5);
const n = Number(process.argv[4] ?? 2000);
const built = join(import.meta.dirname, '../../../dist', name === 'chromium' ? 'chrome' : 'firefox');
const root = mkdtempSync(join(tmpdir(), 'ri-webrequest-cost-'));

/** A copy of the built extension with its background script rewritten by `edit`. */
function variant(id, edit) {
  const dir = join(root, id);
  cpSync(built, dir, { recursive: true });
  const assets = join(dir, 'assets');
  for (const f of readdirSync(assets)) {
    const p = join(assets, f);
    const s = readFileSync(p, 'utf8');
    if (!s.includes('webRequest.onSendHeaders.addListener(')) continue;
    const out = edit(s);
    if (out === s) throw new Error(`${id}: nothing changed`);
    writeFileSync(p, out);
  }
  return dir;
}
// A call `webRequest.onX.addListener(args)` becomes `(() => {})(args)`: the arguments are still
// evaluated, nothing is registered.
const off = (s, ev) => s.replace(new RegExp(`[\\w$.]*\\.webRequest\\.${ev}\\.addListener\\(`, "g"), "(() => {})(");
const configs = {
  none: null,
  ext: built,
  // Firefox has no extraHeaders option (webrequest-options.ts): no such variant there.
  ...(name === 'chromium' ? { 'no-extraHeaders': variant('no-extra', (s) => s.replace(/"requestHeaders", "extraHeaders"\]/, '"requestHeaders"]')) } : {}),
  'no-onCompleted': variant('no-completed', (s) => off(s, 'onCompleted')),
  'no-webRequest': variant('no-webrequest', (s) => ['onSendHeaders', 'onHeadersReceived', 'onErrorOccurred', 'onCompleted'].reduce(off, s)),
};

const server = await startBenchServer();
const samples = Object.fromEntries(Object.keys(configs).map((k) => [k, []]));
try {
  for (let rep = 0; rep < reps; rep++) {
    const ids = Object.keys(configs);
    for (const id of ids.map((_, i) => ids[(i + rep) % ids.length])) {
      const ib = await launchInspectedBrowser({ browser: name, extension: configs[id] !== null, extensionDir: configs[id] ?? undefined, networkEnabled: false });
      try {
        const page = await ib.browser.newPage();
        await page.goto(server.url, { waitUntil: 'load' });
        await page.evaluate((k) => window.benchSmallFetches(k), Math.ceil(n / 10));
        const r = await page.evaluate((k) => window.benchSmallFetches(k), n);
        if (r.got !== n || r.outOfOrder) throw new Error(`${id}: ${JSON.stringify(r)}`);
        samples[id].push(r.ms);
      } finally {
        await ib.close();
      }
    }
    process.stdout.write(`rep ${rep + 1}: ${Object.entries(samples).map(([k, v]) => `${k} ${v.at(-1).toFixed(0)}`).join(', ')}\n`);
  }
} finally {
  await server.close();
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const base = median(samples.none);
for (const [k, v] of Object.entries(samples)) process.stdout.write(`${name} ${k}: median ${median(v).toFixed(0)} ms, ${(median(v) / base).toFixed(3)}× (${v.map((x) => x.toFixed(0)).join(' ')})\n`);
