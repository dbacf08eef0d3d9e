// A 10-second sustained burst: the server streams ~100 B text messages for 10 s at a steady
// 20,000 per second (a rate the page sustains with or without the extension, so both arms
// receive the same messages). The page's JS heap is sampled every 250 ms
// (CDP Performance.getMetrics, no forced GC: the peak is what the page pays), with and without
// the extension; with it, every message must be stored (no loss at the rate the page sustains).
import { openConfig } from '../configs.mjs';
import { flushAndVerify, PAGE_SCENARIOS } from './page-cost.mjs';
import { SMALL_BYTES } from '../server.mjs';

const ws = PAGE_SCENARIOS.find((s) => s.id === 'ws-text-small');
/** Messages per second: what a busy live feed sends, and what this machine's pages keep up with. */
export const SUSTAINED_RATE = 20_000;

async function sample(browserName, config, server, durationMs) {
  const session = await openConfig(browserName, config, server.url);
  try {
    const cdp = browserName === 'chromium' ? await session.page.createCDPSession() : null;
    if (cdp) await cdp.send('Performance.enable');
    await ws.open(session.page);
    let peak = 0;
    let sampling = true;
    const poll = (async () => {
      while (sampling && cdp) {
        const { metrics } = await cdp.send('Performance.getMetrics');
        peak = Math.max(peak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    const run = await session.page.evaluate((ms, rate) => window.benchStream(ms, rate), durationMs, SUSTAINED_RATE);
    sampling = false;
    await poll;
    if (run.got !== run.sent || run.outOfOrder !== 0) throw new Error(`sustained/${config}: the page got ${run.got}/${run.sent}, ${run.outOfOrder} out of order`);
    let verdict = null;
    if (config === 'ext') {
      const spec = { kind: 'websocket', url: server.wsUrl, segments: [{ dir: 'out', literal: `stream ${durationMs} ${SUSTAINED_RATE}` }, { dir: 'in', from: 1, to: run.sent, binary: false, size: SMALL_BYTES }, { dir: 'in', literal: `sent ${run.sent}` }] };
      verdict = await flushAndVerify(session, spec, `sustained (${browserName})`);
    }
    return { messages: run.got, rate: run.got / (run.ms / 1000), peakHeap: peak, verdict };
  } finally {
    await session.close();
  }
}

/** Per rep one sample without and one with the extension (order alternates). */
export async function runSustained({ browserName, server, durationMs, reps, say }) {
  const out = { none: [], ext: [] };
  for (let rep = 0; rep < reps; rep++) {
    for (const config of rep % 2 ? ['ext', 'none'] : ['none', 'ext']) out[config].push(await sample(browserName, config, server, durationMs));
    const [a, b] = [out.none.at(-1), out.ext.at(-1)];
    say(`  sustained rep ${rep + 1}: ${a.messages} → ${b.messages} messages (${a.rate.toFixed(0)} → ${b.rate.toFixed(0)}/s), peak JS heap ${(a.peakHeap / 2 ** 20).toFixed(1)} → ${(b.peakHeap / 2 ** 20).toFixed(1)} MiB; every message stored`);
  }
  return out;
}
