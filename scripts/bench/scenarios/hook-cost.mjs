// Main-thread time the hook (and the relay, which runs on the same renderer thread) adds per
// 1,000 messages, and page heap growth: the WS small-text burst with and without the extension,
// read from CDP Performance.getMetrics on the page (TaskDuration = all main-thread tasks,
// ScriptDuration = JS only). Heap is read after a forced GC, before and after the burst.
import { openConfig } from '../configs.mjs';
import { flushAndVerify, PAGE_SCENARIOS, warmupOf } from './page-cost.mjs';

const scenario = PAGE_SCENARIOS.find((s) => s.id === 'ws-text-small');

async function metrics(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(list.map((x) => [x.name, x.value]));
  return { task: m.TaskDuration * 1000, script: m.ScriptDuration * 1000, heap: m.JSHeapUsedSize };
}

async function sample(config, server, n) {
  const session = await openConfig('chromium', config, server.url);
  try {
    const cdp = await session.page.createCDPSession();
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await scenario.open(session.page);
    await scenario.run(session.page, warmupOf(n));
    const before = await metrics(cdp);
    const run = await scenario.run(session.page, n);
    if (run.got !== n || run.outOfOrder !== 0) throw new Error(`hook-cost/${config}: the page got ${run.got}/${n}`);
    // With the extension, the hook's last batch leaves on its flush timer or on the flush request:
    // flushing before reading the metrics counts that work too.
    if (config === 'ext') await flushAndVerify(session, scenario.spec(server, warmupOf(n), n), 'hook-cost (chromium)');
    const after = await metrics(cdp);
    return { task: after.task - before.task, script: after.script - before.script, heap: after.heap - before.heap };
  } finally {
    await session.close();
  }
}

/** Per rep one sample without and one with the extension (order alternates). */
export async function runHookCost({ server, n, reps, say }) {
  const out = { none: [], ext: [] };
  for (let rep = 0; rep < reps; rep++) {
    for (const config of rep % 2 ? ['ext', 'none'] : ['none', 'ext']) out[config].push(await sample(config, server, n));
    const [a, b] = [out.none.at(-1), out.ext.at(-1)];
    say(`  hook-cost rep ${rep + 1}: main thread ${a.task.toFixed(0)} → ${b.task.toFixed(0)} ms, JS ${a.script.toFixed(0)} → ${b.script.toFixed(0)} ms, heap growth ${(a.heap / 1024).toFixed(0)} → ${(b.heap / 1024).toFixed(0)} KiB`);
  }
  return { n, samples: out };
}
