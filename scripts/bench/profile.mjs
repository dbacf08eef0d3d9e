// `--profile`: where the time goes during the WS small-text burst with the extension. One CPU
// profile (CDP Profiler) of the background service worker and one of the page, taken during the
// same burst, reduced to the functions with the most self time.
import { openConfig } from './configs.mjs';
import { flushAndVerify, PAGE_SCENARIOS, warmupOf } from './scenarios/page-cost.mjs';

/** Self time per function (ms), from a CDP Profiler.Profile. Pure. */
export function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map();
  const { samples = [], timeDeltas = [] } = profile;
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i + 1] is the time until the next sample: the time spent in samples[i].
    const us = timeDeltas[i + 1] ?? 0;
    const f = byId.get(samples[i])?.callFrame;
    if (!f) continue;
    const file = f.url ? f.url.replace(/^.*\//, '') : '';
    const key = `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
    totals.set(key, (totals.get(key) ?? 0) + us / 1000);
  }
  return [...totals.entries()].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}

export function topLines(label, entries, count = 12) {
  const busy = entries.filter((e) => e.name !== '(idle)').reduce((s, e) => s + e.ms, 0);
  const lines = [`${label}: ${busy.toFixed(0)} ms busy`];
  for (const e of entries.filter((x) => x.name !== '(idle)').slice(0, count)) {
    lines.push(`  ${e.ms.toFixed(0).padStart(6)} ms ${((e.ms / busy) * 100).toFixed(1).padStart(5)} %  ${e.name}`);
  }
  return lines;
}

async function startProfiler(cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}

export async function runProfile({ server, n, scenarioId = 'ws-text-small' }) {
  const scenario = PAGE_SCENARIOS.find((s) => s.id === scenarioId);
  const session = await openConfig('chromium', 'ext', server.url);
  try {
    const exporter = await session.exporter(); // wakes the background before we look for it
    await exporter.evaluate(() => window.realtimeInspector.status());
    const target = await session.inspected.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(session.inspected.extensionOrigin), { timeout: 10000 });
    const sw = await target.createCDPSession();
    const page = await session.page.createCDPSession();
    await scenario.open(session.page);
    await scenario.run(session.page, warmupOf(n));
    await startProfiler(sw);
    await startProfiler(page);
    const run = await scenario.run(session.page, n);
    await flushAndVerify(session, scenario.spec(server, warmupOf(n), n), 'profile run');
    const { profile: swProfile } = await sw.send('Profiler.stop');
    const { profile: pageProfile } = await page.send('Profiler.stop');
    return { scenario: scenario.title, pageMs: run.ms, background: selfTimes(swProfile), page: selfTimes(pageProfile), version: session.version };
  } finally {
    await session.close();
  }
}
