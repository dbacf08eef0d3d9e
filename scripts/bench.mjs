#!/usr/bin/env node
// `npm run bench` — what recording costs the page, against no extension and against DevTools'
// own capture; completeness under load; ingest; panel and export at 100k/1M events (--no-scale
// skips them). Real headless browsers, servers on 127.0.0.1. Writes docs/benchmarks.md (not in
// --quick, which CI runs as a smoke test: it fails on any lost or reordered message, and judges
// no timing). Any loss fails the run with exit code 1. Modules: scripts/bench/.
import { join } from 'node:path';
import { ensureBuilt } from './lib/build-all.mjs';
import { root } from './lib/paths.mjs';
import { parseBenchArgs, USAGE } from './bench/args.mjs';
import { currentLoad, machineDescription } from './bench/machine.mjs';
import { hookCostLines, ingestLines, pageCostLines, profileLines, scaleLines, section, sustainedLines, writeSection } from './bench/report.mjs';
import { startBenchServer } from './bench/server.mjs';
import { compare } from './bench/stats.mjs';
import { INGEST_TARGET, METHOD_LINES } from './bench/definitions.mjs';
import { PAGE_SCENARIOS, runPageCost } from './bench/scenarios/page-cost.mjs';
import { runHookCost } from './bench/scenarios/hook-cost.mjs';
import { runIngest } from './bench/scenarios/ingest.mjs';
import { runScale } from './bench/scenarios/scale.mjs';
import { runProfile, topLines } from './bench/profile.mjs';
import { SUSTAINED_RATE, runSustained } from './bench/scenarios/sustained.mjs';

const say = (line) => process.stdout.write(`${line}\n`);
let plan;
try {
  plan = parseBenchArgs(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`bench: ${err.message}\n${USAGE}\n`);
  process.exit(2);
}
if (plan.help) {
  say(USAGE);
  process.exit(0);
}

const wanted = (id) => !plan.only || plan.only.has(id);
const label = (b) => (b === 'chromium' ? 'Chromium' : 'Firefox');
const date = new Date().toISOString().slice(0, 10);
const docFile = join(root, 'docs', 'benchmarks.md');
const versions = {};
const loadAtStart = currentLoad();
const machine = () => machineDescription(versions, loadAtStart);
const pending = []; // sections, written once everything passed
const summary = [];

function emit(id, lines) {
  say('');
  for (const l of lines) say(l);
  pending.push([id, section(id, lines)]);
}

await ensureBuilt();
const server = await startBenchServer();
const started = Date.now();
try {
  for (const browserName of plan.browsers) {
    for (const scenario of PAGE_SCENARIOS) {
      if (!wanted(scenario.id)) continue;
      // In --quick, DevTools capture is skipped: CI checks completeness, not ratios.
      const configs = plan.configs ? plan.configs.filter((c) => c !== 'devtools' || browserName === 'chromium') : browserName === 'firefox' || plan.quick ? ['none', 'ext'] : ['none', 'ext', 'devtools'];
      const n = plan.n ?? (plan.quick ? scenario.quickN : scenario.n);
      say(`${scenario.id} (${label(browserName)}): ${plan.reps} × ${configs.join('/')} × ${n} messages`);
      const r = await runPageCost({ browserName, scenario, configs, reps: plan.reps, n, server, say });
      versions[browserName] = r.version;
      for (const [config, line] of Object.entries(r.commandLines)) say(`  command line (${config}): ${line}`);
      const ratio = compare(r.samples.none, r.samples.ext).ratio;
      summary.push(`${scenario.id} ${browserName}: ext/none ${ratio.toFixed(3)}× (target ${scenario.target}×)${r.samples.devtools ? `, devtools/none ${compare(r.samples.none, r.samples.devtools).ratio.toFixed(3)}×` : ''}; log complete`);
      emit(`page-${scenario.id}-${browserName}`, pageCostLines({
        title: scenario.title,
        browserLabel: label(browserName),
        n,
        warmup: r.warmup,
        reps: plan.reps,
        samples: r.samples,
        target: scenario.target,
        commandLines: r.commandLines,
        completeness: scenario.completeness?.(r) ?? `every sample's stored session held all ${(r.verifiedEvents).toLocaleString('en-US')} events of the connection (warm-up and measured burst, both directions) with contiguous seq, in order, none truncated`,
        machine: machine(),
        date,
      }));
    }
    if (browserName === 'chromium' && wanted('hook-cost')) {
      const n = plan.n ?? (plan.quick ? 2000 : 50_000);
      say(`hook-cost (Chromium): ${plan.reps} × none/ext × ${n} messages`);
      const r = await runHookCost({ server, n, reps: plan.reps, say });
      emit('hook-cost-chromium', hookCostLines({ n, samples: r.samples, machine: machine(), date }));
    }
    if (wanted('sustained')) {
      const durationMs = plan.quick ? 2000 : 10_000;
      const reps = Math.min(plan.reps, 3);
      say(`sustained (${label(browserName)}): ${reps} × none/ext × ${durationMs / 1000} s`);
      const r = await runSustained({ browserName, server, durationMs, reps, say });
      emit(`sustained-${browserName}`, sustainedLines({ browserLabel: label(browserName), durationMs, rate: SUSTAINED_RATE, samples: r, machine: machine(), date }));
    }
    if (wanted('ingest')) {
      const n = plan.quick ? 20_000 : 200_000;
      say(`ingest (${label(browserName)}): ${Math.min(plan.reps, 3)} × ${n} events`);
      const r = await runIngest({ browserName, server, n, reps: Math.min(plan.reps, 3), say });
      versions[browserName] = r.version;
      summary.push(`ingest ${browserName}: ${Math.round(r.samples.map((s) => s.eventsPerSec).sort((a, b) => a - b)[Math.floor(r.samples.length / 2)])} events/s (target ≥ ${INGEST_TARGET}); stored with contiguous seq`);
      emit(`ingest-${browserName}`, ingestLines({ browserLabel: label(browserName), n, samples: r.samples, target: INGEST_TARGET, machine: machine(), date }));
    }
  }
  if (plan.scale && plan.browsers.includes('chromium')) {
    const results = [];
    for (const size of plan.scaleSizes) {
      say(`scale (Chromium): ${size.toLocaleString('en-US')} events`);
      results.push(await runScale({ server, size, say }));
    }
    emit('scale-chromium', scaleLines(results, machine(), date));
  }
  if (plan.profile) {
    // --profile-scenario, else the first page scenario named in --only, else the WS small-text burst.
    const scenario = PAGE_SCENARIOS.find((s) => s.id === plan.profileScenario) ?? PAGE_SCENARIOS.find((s) => plan.only?.has(s.id)) ?? PAGE_SCENARIOS[0];
    if (plan.profileScenario && scenario.id !== plan.profileScenario) throw new Error(`--profile-scenario: no page scenario ${plan.profileScenario}`);
    const n = plan.n ?? (plan.quick ? scenario.quickN : scenario.n);
    say(`profile (Chromium, with the extension): ${scenario.id}, ${n} messages`);
    const p = await runProfile({ server, n, scenarioId: scenario.id });
    versions.chromium = p.version;
    emit(`profile-${scenario.id}-chromium`, profileLines({ ...p, n }, topLines, machine(), date));
  }
} catch (err) {
  process.stderr.write(`\nbench: FAILED: ${err.message}\n`);
  await server.close();
  process.exit(1);
}
await server.close();

say('');
say(`bench: done in ${((Date.now() - started) / 1000).toFixed(0)} s; no message lost in any run${plan.quick ? ' (--quick: timings are not judged)' : ''}`);
for (const l of summary) say(`  ${l}`);
say(machine());
if (plan.write && pending.length > 0) {
  writeSection(docFile, 'method', section('method', METHOD_LINES));
  for (const [id, text] of pending) writeSection(docFile, id, text);
  say(`wrote ${pending.length} section(s) of docs/benchmarks.md`);
}
