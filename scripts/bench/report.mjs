// Markdown for the benchmark: one section per scenario in docs/benchmarks.md, each between
// markers so that re-running a scenario replaces only its own section. Pure string building.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { compare, summarize } from './stats.mjs';
import { CONFIG_LABEL, PANEL_BUDGETS } from './definitions.mjs';

const ms = (v) => `${v.toFixed(0)} ms`;
const int = (v) => Math.round(v).toLocaleString('en-US');
export const mark = (ok) => (ok ? '✓' : '✗');

export function section(id, lines) {
  return [`<!-- bench:${id}:start -->`, ...lines, `<!-- bench:${id}:end -->`].join('\n');
}

/** Target verdict for a ratio: "≤ 1.10× ✓" or "≤ 1.10× ✗ (+16 % over)". */
export function ratioVerdict(ratio, target) {
  const ok = ratio <= target;
  return `≤ ${target.toFixed(2)}× ${mark(ok)}${ok ? '' : ` (${((ratio / target - 1) * 100).toFixed(0)} % over)`}`;
}

/** Page-cost table: one row per configuration, ratios against "none". */
/** How each configuration was launched: one line when all are the same (they differ by the extension only). */
function launchLines(commandLines) {
  const entries = Object.entries(commandLines);
  if (entries.length === 0) return [];
  if (new Set(entries.map(([, l]) => l)).size === 1) return [`Every configuration was launched with the same command line (the extension arm then installs the extension): \`${entries[0][1]}\`.`];
  return entries.map(([c, l]) => `Command line (${CONFIG_LABEL[c] ?? c}): \`${l}\`.`);
}

export function pageCostLines({ title, browserLabel, n, warmup, reps, samples, target, completeness, machine, date, commandLines = {} }) {
  const configs = Object.keys(samples);
  const base = samples.none;
  const rows = configs.map((c) => {
    const s = summarize(samples[c]);
    let ratio = '1.000×';
    let verdict = '';
    if (c !== 'none') {
      const r = compare(base, samples[c]);
      ratio = `**${r.ratio.toFixed(3)}×** (${r.pairMin.toFixed(2)}–${r.pairMax.toFixed(2)})`;
      verdict = c === 'ext' ? ratioVerdict(r.ratio, target) : 'reference';
    }
    return `| ${CONFIG_LABEL[c]} | ${ms(s.median)} | ${ms(s.q1)} – ${ms(s.q3)} | ${ms(s.min)} – ${ms(s.max)} | ${ratio} | ${verdict} |`;
  });
  return [
    `### ${title} — ${browserLabel}`,
    '',
    `${int(n)} messages per sample after a ${int(warmup)}-message warm-up; ${reps} rep(s), fresh browser per sample.`,
    '',
    '| configuration | median | IQR | min – max | ratio to no extension (per-rep range) | target |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    `Completeness with the extension: ${completeness}.`,
    ...launchLines(commandLines),
    `Measured ${date} on ${machine}.`,
    `Raw samples (ms): ${configs.map((c) => `${c} ${samples[c].map((v) => v.toFixed(0)).join(', ')}`).join('; ')}.`,
  ];
}

export function hookCostLines({ n, samples, machine, date }) {
  const med = (config, key) => summarize(samples[config].map((s) => s[key])).median;
  const per1000 = (key) => ((med('ext', key) - med('none', key)) / n) * 1000;
  const row = (label, key, fmt) => `| ${label} | ${fmt(med('none', key))} | ${fmt(med('ext', key))} | ${fmt(med('ext', key) - med('none', key))} | ${key === 'heap' ? '—' : `${per1000(key).toFixed(2)} ms`} |`;
  const kib = (v) => `${(v / 1024).toFixed(0)} KiB`;
  return [
    '### Hook cost on the page\'s main thread — Chromium',
    '',
    `WebSocket burst of ${int(n)} ~100 B text messages; CDP Performance.getMetrics on the page (thread time), medians of ${samples.none.length} rep(s). The relay (content script) runs on the same thread and is included.`,
    '',
    '| metric | no extension | our extension | added | added per 1,000 messages |',
    '| --- | ---: | ---: | ---: | ---: |',
    row('main-thread busy time (TaskDuration)', 'task', ms),
    row('JavaScript time (ScriptDuration)', 'script', ms),
    row('JS heap growth after GC', 'heap', kib),
    '',
    `Measured ${date} on ${machine}.`,
  ];
}

export function sustainedLines({ browserLabel, durationMs, rate, samples, machine, date }) {
  const med = (config, key) => summarize(samples[config].map((s) => s[key])).median;
  const mib = (v) => (v > 0 ? `${(v / 2 ** 20).toFixed(1)} MiB` : 'not measured (no CDP)');
  return [
    `### A ${durationMs / 1000}-second sustained burst — ${browserLabel}`,
    '',
    `The server streams ~100 B text messages for ${durationMs / 1000} s at a steady ${int(rate)} per second (both arms receive the same messages); medians of ${samples.none.length} rep(s). Peak JS heap: CDP Performance.getMetrics JSHeapUsedSize every 250 ms, no forced GC (what the page holds, garbage included). With the extension every message was stored, in order, with contiguous seq.`,
    '',
    '| configuration | messages received | rate | peak JS heap |',
    '| --- | ---: | ---: | ---: |',
    `| ${CONFIG_LABEL.none} | ${int(med('none', 'messages'))} | ${int(med('none', 'rate'))}/s | ${mib(med('none', 'peakHeap'))} |`,
    `| ${CONFIG_LABEL.ext} | ${int(med('ext', 'messages'))} | ${int(med('ext', 'rate'))}/s | ${mib(med('ext', 'peakHeap'))} |`,
    '',
    'What the hook itself may hold is bounded by construction: at most 2,000 records or ~1 MiB of estimated characters wait in its buffer (then it sends at once, `LIMITS.batchHardRecords` / `batchHardChars`); the relay keeps each sent batch until the background acknowledges it (that is what makes a background restart lose nothing), so a stopped background grows it until it is back.',
    '',
    `Measured ${date} on ${machine}.`,
  ];
}

export function ingestLines({ browserLabel, n, samples, target, machine, date }) {
  const s = summarize(samples.map((x) => x.eventsPerSec));
  const env = summarize(samples.map((x) => x.envelopeCharsPerEvent)).median;
  const usage = summarize(samples.map((x) => x.usageBytesPerEvent)).median;
  const payload = samples[0].payloadCharsPerEvent;
  return [
    `### Ingest — ${browserLabel}`,
    '',
    `${int(n)} events of ~${payload.toFixed(0)} B JSON posted on the relay port by an extension page (the relay protocol, 500 records per batch, at most 40 batches unacknowledged), from the first post to the acknowledgement of the last (sent only after its IndexedDB transaction committed); ${samples.length} rep(s). Every event was read back from IndexedDB with contiguous seq.`,
    '',
    '| events/s (median) | min – max | target | stored JSON per event beyond the payload | storage estimate per event (incl. payload, compressed) |',
    '| ---: | ---: | --- | ---: | ---: |',
    `| ${int(s.median)} | ${int(s.min)} – ${int(s.max)} | ≥ ${int(target)} ${mark(s.median >= target)} | ${env.toFixed(1)} chars | ${usage.toFixed(1)} B |`,
    '',
    `Measured ${date} on ${machine}.`,
  ];
}

export const DOC_HEADER = `# Benchmarks

Written by \`npm run bench\` (scripts/bench.mjs, modules in scripts/bench/); each section is
replaced when its scenario is re-run. See "Method" below for what is measured and how.
`;

export function writeSection(file, id, text) {
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : DOC_HEADER;
  const re = new RegExp(`<!-- bench:${id}:start -->[\\s\\S]*?<!-- bench:${id}:end -->`);
  doc = re.test(doc) ? doc.replace(re, () => text) : `${doc.trimEnd()}\n\n${text}\n`;
  writeFileSync(file, doc.endsWith('\n') ? doc : `${doc}\n`);
}

export function scaleLines(results, machine, date) {
  const b = PANEL_BUDGETS;
  const cell = (v, fmt, budget) => (v === null || v === undefined ? 'not measured' : `${fmt(v)}${budget === undefined ? '' : ` ${mark(v <= budget)}`}`);
  const rows = results.map((r) => {
    const p = r.panel;
    // Judged on the first results on screen (the list fills progressively as the worker scans);
    // the complete scan, with the final match count, is reported beside it.
    const filter = p.filter.error
      ? `not available (${p.filter.error})`
      : p.filter.ms === null
        ? 'timed out ✗'
        : p.filter.firstMs == null
          ? `complete ${ms(p.filter.ms)} ${mark(p.filter.ms <= b.filterMs)}`
          : `first ${ms(p.filter.firstMs)} ${mark(p.filter.firstMs <= b.filterMs)}, complete ${ms(p.filter.ms)}`;
    const scroll = p.scroll.error ? `not available (${p.scroll.error})` : `${ms(p.scroll.maxMs)} / ${ms(p.scroll.p95Ms)} ${mark(p.scroll.maxMs <= b.frameMs)} (${int(p.scroll.rows)} rows in the DOM)`;
    const exp = r.export.available ? `${ms(r.export.ms)}, peak heap ${r.export.peakMB.toFixed(0)} MB` : 'not available (no exportNdjson in this build)';
    return `| ${int(r.size)} | ${int(r.ingest.eventsPerSec)} | ${cell(p.firstRowsMs, ms, b.firstRowsMs)} | ${filter} | ${scroll} | ${cell(p.heapMB, (v) => `${v.toFixed(0)} MB`, b.heapMB)}${p.peakHeapMB == null ? '' : ` (peak ${p.peakHeapMB.toFixed(0)} MB)`} | ${exp} |`;
  });
  const via = results[0]?.panel.firstVia ?? '';
  return [
    '### Panel and export at scale — Chromium',
    '',
    `Sessions generated through the background's ingest path (as in "Ingest", one connection of ~100 B JSON messages), then the panel opened as an extension page (\`panel.html?tabId=\`). First rows: from navigation start to ${via}${results[0]?.panel.clickedAt != null ? ' (the connection row is clicked as soon as it appears)' : ''}. Scroll: 120 frames, half-screen steps then jumps across the list; max / p95 rAF interval. Filter: the query \`user-42\` typed at once; "first" is the first matching rows on screen (mark \`ri:filter-first\`), "complete" the end of the scan (\`ri:filter-done\`). Heap: CDP JSHeapUsedSize of the panel after a forced GC (what it keeps, with the filter's matches held), and in brackets the highest JSHeapUsedSize seen while scrolling and filtering, garbage included. Export: \`realtimeInspector.exportNdjson\` in the exporter page, peak JSHeapUsedSize sampled every 50 ms.`,
    '',
    `| events | ingest events/s | first rows (≤ ${b.firstRowsMs} ms) | filter (≤ ${b.filterMs} ms) | frame max / p95 (≤ ${b.frameMs} ms) | panel heap after GC (< ${b.heapMB} MB) | NDJSON export |`,
    '| ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    `Measured ${date} on ${machine}.`,
  ];
}


export function profileLines(profile, topLinesFn, machine, date) {
  return [
    `### Where the time goes with the extension (--profile): ${profile.scenario} — Chromium`,
    '',
    `CPU profiles (CDP Profiler, 200 µs sampling) of the background service worker and of the page during one burst of ${int(profile.n)} messages (${profile.scenario}); functions with the most self time.`,
    '',
    '```',
    ...topLinesFn('background service worker', profile.background),
    '',
    ...topLinesFn('page (hook, relay and the page itself)', profile.page),
    '```',
    '',
    `Measured ${date} on ${machine}.`,
  ];
}
