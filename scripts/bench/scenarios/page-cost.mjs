// Page cost: how long a page takes to receive (or send) a burst, in each configuration, fresh
// browser per sample, configurations rotated per rep so a drifting machine favours none. With
// the extension every sample's stored session is checked for completeness (fails the run).
import { SMALL_BYTES, LARGE_BYTES } from '../server.mjs';
import { openConfig } from '../configs.mjs';
import { verifyStored } from '../verify.mjs';
import { PAGE_TARGET_FETCHES, PAGE_TARGET_LARGE, PAGE_TARGET_SMALL } from '../definitions.mjs';

const receive = (dir, from, to, binary, size) => ({ dir, from, to, binary, size });

function wsReceive(kind) {
  const binary = kind.startsWith('bin');
  const size = kind.endsWith('64k') ? LARGE_BYTES : SMALL_BYTES;
  return {
    open: (page) => page.evaluate(() => window.benchOpenWs()),
    run: (page, n) => page.evaluate((k, count) => window.benchWs(k, count), kind, n),
    spec: (server, w, n) => ({
      kind: 'websocket',
      url: server.wsUrl,
      segments: [
        { dir: 'out', literal: `go ${kind} ${w}` },
        receive('in', 1, w, binary, size),
        { dir: 'out', literal: `go ${kind} ${n}` },
        receive('in', 1, n, binary, size),
      ],
    }),
  };
}

export const PAGE_SCENARIOS = [
  { id: 'ws-text-small', title: 'WebSocket, ~100 B text messages received', n: 50_000, quickN: 2000, target: PAGE_TARGET_SMALL, ...wsReceive('text-small') },
  { id: 'ws-json-small', title: 'WebSocket, ~100 B JSON messages with a sequence field received (parsed by the page)', n: 50_000, quickN: 2000, target: PAGE_TARGET_SMALL, ...wsReceive('json-small') },
  { id: 'ws-text-64k', title: 'WebSocket, 64 KiB text messages received', n: 1000, quickN: 100, target: PAGE_TARGET_LARGE, ...wsReceive('text-64k') },
  { id: 'ws-bin-small', title: 'WebSocket, ~100 B binary (ArrayBuffer) messages received', n: 50_000, quickN: 2000, target: PAGE_TARGET_SMALL, ...wsReceive('bin-small') },
  { id: 'ws-bin-64k', title: 'WebSocket, 64 KiB binary (ArrayBuffer) messages received', n: 1000, quickN: 100, target: PAGE_TARGET_LARGE, ...wsReceive('bin-64k') },
  {
    id: 'sse-small',
    title: 'EventSource, ~100 B events received',
    n: 50_000,
    quickN: 2000,
    target: PAGE_TARGET_SMALL,
    open: (page) => page.evaluate(() => window.benchOpenSse()),
    run: (page, n) => page.evaluate((count) => window.benchSse(count), n),
    spec: (server, w, n) => ({
      kind: 'eventsource',
      urlPrefix: server.sseUrlPrefix,
      segments: [receive('in', 1, w, false, SMALL_BYTES), receive('in', 1, n, false, SMALL_BYTES)],
    }),
  },
  {
    id: 'ws-page-sends',
    title: 'WebSocket, the page sends ~100 B text messages as fast as it can',
    n: 50_000,
    quickN: 2000,
    target: PAGE_TARGET_SMALL,
    open: (page) => page.evaluate(() => window.benchOpenWs()),
    run: (page, n) => page.evaluate((count) => window.benchSend(count), n),
    spec: (server, w, n) => ({
      kind: 'websocket',
      url: server.wsUrl,
      segments: [
        { dir: 'out', literal: `expect ${w}` },
        receive('out', 1, w, false, SMALL_BYTES),
        { dir: 'in', literal: `got ${w} 0` },
        { dir: 'out', literal: `expect ${n}` },
        receive('out', 1, n, false, SMALL_BYTES),
        { dir: 'in', literal: `got ${n} 0` },
      ],
    }),
  },
  {
    id: 'fetch-stream-sse',
    title: 'Streamed fetch(), ~100 B SSE events read from the body with a reader',
    n: 20_000,
    quickN: 2000,
    target: PAGE_TARGET_SMALL,
    open: () => undefined,
    run: (page, n) => page.evaluate((count) => window.benchFetchSse(count), n),
    spec: (server, _w, n) => ({
      kind: 'fetch-stream',
      urlPrefix: server.fetchSseUrlPrefix(n),
      segments: [receive('in', 1, n, false, SMALL_BYTES)],
    }),
  },
  {
    id: 'small-fetches',
    title: 'Ordinary fetch(), ~100 B JSON responses one after another, read with json()',
    n: 2000,
    quickN: 200,
    target: PAGE_TARGET_FETCHES,
    open: () => undefined,
    run: (page, n) => page.evaluate((count) => window.benchSmallFetches(count), n),
    // Nothing may be recorded: the check is that the log holds no connection at all.
    spec: () => ({ none: true }),
    completeness: () => 'every sample\'s stored session held no connection (ordinary fetches are not recorded)',
  },
];

export const warmupOf = (n) => Math.min(1000, Math.ceil(n / 10));

/** Flushes everything the page captured, then checks the stored session in the exporter page. */
export async function flushAndVerify(session, spec, label) {
  const exporter = await session.exporter();
  const flushed = await exporter.evaluate(() => window.realtimeInspector.flushAll(60000));
  if (!flushed.ok) throw new Error(`${label}: flush did not complete (${flushed.unanswered} relays unanswered)`);
  return verifyStored(exporter, spec, label);
}

/** One sample: a fresh browser in `config`, warm-up burst, measured burst, completeness check. */
export async function pageSample({ browserName, config, scenario, server, n }) {
  const warmup = warmupOf(n);
  const session = await openConfig(browserName, config, server.url);
  try {
    await scenario.open(session.page);
    await scenario.run(session.page, warmup);
    const run = await scenario.run(session.page, n);
    if (run.got !== n || run.outOfOrder !== 0) throw new Error(`${scenario.id}/${config}: the page got ${run.got}/${n} messages, ${run.outOfOrder} out of order`);
    let verdict = null;
    if (config === 'ext') verdict = await flushAndVerify(session, scenario.spec(server, warmup, n), `${scenario.id} (${browserName})`);
    return { ms: run.ms, verdict, version: session.version, commandLine: session.commandLine };
  } finally {
    await session.close();
  }
}

/** Runs `reps` rounds; each round runs every config once, rotated so none always goes first. */
export async function runPageCost({ browserName, scenario, configs, reps, n, server, say }) {
  const samples = Object.fromEntries(configs.map((c) => [c, []]));
  let version = 'unknown';
  let verifiedEvents = 0;
  /** Each configuration's command line, from its first sample (profile paths made comparable). */
  const commandLines = {};
  for (let rep = 0; rep < reps; rep++) {
    const order = configs.map((_, i) => configs[(i + rep) % configs.length]);
    const row = new Array(configs.length);
    for (const config of order) {
      const s = await pageSample({ browserName, config, scenario, server, n });
      version = s.version;
      row[configs.indexOf(config)] = s.ms;
      if (s.verdict) verifiedEvents = s.verdict.events;
      commandLines[config] ??= comparableCommandLine(s.commandLine);
    }
    configs.forEach((c, i) => samples[c].push(row[i]));
    say(`  ${scenario.id} rep ${rep + 1}: ${configs.map((c, i) => `${c} ${row[i].toFixed(0)} ms`).join(', ')}`);
  }
  return { samples, version, verifiedEvents, warmup: warmupOf(n), commandLines };
}

/** A command line with its fresh profile directory replaced, so two launches can be compared as text. */
export function comparableCommandLine(args) {
  return args.map((a) => a.replace(/^(--user-data-dir=)?\/tmp\/puppeteer_dev_[a-z]+_profile-\w+$/, (_m, flag) => `${flag ?? ''}<fresh profile>`)).join(' ');
}
