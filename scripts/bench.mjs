#!/usr/bin/env node
// `npm run bench [-- --quick] [--n N] [--reps R] [--browser chromium|firefox] [--no-write]`
// Cost of the extension on a page that receives a burst of small WebSocket messages: the same
// headless browser without and with the extension, alternating, a fresh browser per sample.
// With the extension it also proves nothing was lost: after flush, the exported log holds every
// message of the connection, in order, with contiguous seq. Timing is reported, never asserted;
// a lost or reordered message fails the run (exit 1).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt } from './lib/build-all.mjs';
import { root } from './lib/paths.mjs';
import { startBenchServer } from './lib/bench-server.mjs';
import { summarize } from './lib/bench-stats.mjs';
import { currentLoad, machineDescription, scenarioSection, writeSection } from './lib/bench-report.mjs';

const BUDGET = 1.25;
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    n: { type: 'string' },
    reps: { type: 'string' },
    browser: { type: 'string' },
    'no-write': { type: 'boolean' },
  },
});
const quick = Boolean(args.quick);
const N = Number(args.n ?? (quick ? 2000 : 50_000));
const reps = Number(args.reps ?? (quick ? 2 : 7));
const browser = args.browser ?? 'chromium';
const warmup = Math.min(1000, Math.ceil(N / 10));
if (!Number.isInteger(N) || N < 1 || !Number.isInteger(reps) || reps < 1) throw new Error('--n and --reps must be positive integers');
if (browser !== 'chromium' && browser !== 'firefox') throw new Error('--browser must be chromium or firefox');

const say = (line) => process.stdout.write(`${line}\n`);

await ensureBuilt();
const loadAtStart = currentLoad();
const { launchInspectedBrowser } = await import('../dist/recorder/index.js');
const server = await startBenchServer();
let browserVersion = 'unknown';

/** Throws unless the log holds exactly: open, "go W", W messages, "go N", N messages, in seq order. */
function verifyCompleteness(log) {
  const conns = log.connections.filter((c) => c.kind === 'websocket' && c.url === server.wsUrl);
  if (conns.length !== 1) throw new Error(`expected 1 recorded connection to ${server.wsUrl}, found ${conns.length}`);
  const events = log.events.filter((e) => e.connectionId === conns[0].id).sort((a, b) => a.seq - b.seq);
  events.forEach((e, i) => {
    if (e.seq !== i + 1) throw new Error(`seq not contiguous: position ${i + 1} has seq ${e.seq}`);
  });
  if (events[0]?.type !== 'open') throw new Error(`first event is ${events[0]?.type}, expected open`);
  const messages = events.filter((e) => e.type === 'message');
  const expected = [['out', `go ${warmup}`]];
  for (let i = 1; i <= warmup; i++) expected.push(['in', i]);
  expected.push(['out', `go ${N}`]);
  for (let i = 1; i <= N; i++) expected.push(['in', i]);
  if (messages.length !== expected.length) {
    throw new Error(`recorded ${messages.length} messages, expected ${expected.length} (${warmup + N} in, 2 out)`);
  }
  messages.forEach((m, i) => {
    const [dir, want] = expected[i];
    const got = dir === 'in' ? parseInt(m.data ?? '', 10) : m.data;
    if (m.direction !== dir || got !== want) {
      throw new Error(`message ${i + 1}: got ${m.direction} ${JSON.stringify(got)}, expected ${dir} ${JSON.stringify(want)}`);
    }
  });
  return events.length;
}

async function sample(extension) {
  const inspected = await launchInspectedBrowser({ browser, extension });
  try {
    browserVersion = await inspected.browser.version();
    const page = await inspected.browser.newPage();
    await page.goto(server.url, { waitUntil: 'load' });
    await page.evaluate(() => window.benchReady);
    await page.evaluate((n) => window.benchRun(n), warmup);
    const run = await page.evaluate((n) => window.benchRun(n), N);
    if (run.got !== N || run.outOfOrder !== 0) throw new Error(`the page got ${run.got}/${N} messages, ${run.outOfOrder} out of order`);
    let stored = 0;
    if (extension) stored = verifyCompleteness(await inspected.exportSessionLog());
    return { ms: run.ms, stored };
  } finally {
    await inspected.close();
  }
}

const samples = { without: [], with: [] };
try {
  say(`bench: ${browser}, ${reps} × ${N} messages of ~100 B (after ${warmup} warm-up), without vs with the extension`);
  for (let rep = 0; rep < reps; rep++) {
    // Alternate which goes first so a drifting machine does not favour one side.
    for (const extension of rep % 2 === 0 ? [false, true] : [true, false]) {
      const { ms, stored } = await sample(extension);
      samples[extension ? 'with' : 'without'].push(ms);
      say(`  rep ${rep + 1} ${extension ? 'with   ' : 'without'} ${ms.toFixed(0).padStart(6)} ms${extension ? `  (log complete: ${stored} events)` : ''}`);
    }
  }
} catch (err) {
  process.stderr.write(`bench: FAILED: ${err.message}\n`);
  await server.close();
  process.exit(1);
}
await server.close();

const base = summarize(samples.without);
const ext = summarize(samples.with);
const ratio = ext.median / base.median;
say('');
say('| run | median | min – max | MAD |');
say(`| without extension | ${base.median.toFixed(0)} ms | ${base.min.toFixed(0)} – ${base.max.toFixed(0)} ms | ±${base.madPct.toFixed(1)} % |`);
say(`| with extension | ${ext.median.toFixed(0)} ms | ${ext.min.toFixed(0)} – ${ext.max.toFixed(0)} ms | ±${ext.madPct.toFixed(1)} % |`);
say(`ratio ${ratio.toFixed(3)}× (budget ${BUDGET}×${quick ? ', not judged in --quick' : ''}); every run's log was complete`);
const machine = machineDescription(browserVersion, loadAtStart);
say(machine);

if (!quick && !args['no-write']) {
  const id = `ws-${N}-${browser}`;
  const file = join(root, 'docs', 'benchmarks.md');
  writeSection(file, id, scenarioSection({
    id,
    title: `WebSocket burst: ${N.toLocaleString('en-US')} messages of ~100 B, headless ${browser === 'chromium' ? 'Chromium' : 'Firefox'}`,
    description: `A page sends "go ${N}"; the server (ws, 127.0.0.1) answers with ${N} text messages of ~100 B back to back; the page's time is from its send to the ${N}th message event. A ${warmup}-message warm-up precedes each sample.`,
    samples,
    machine,
    budget: BUDGET,
    completeness: `every sample's exported log held all ${N + warmup} received and 2 sent messages with contiguous seq`,
    date: new Date().toISOString().slice(0, 10),
  }));
  say(`wrote docs/benchmarks.md (${id})`);
}
