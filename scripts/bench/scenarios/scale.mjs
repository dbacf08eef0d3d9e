// Panel and export at scale (`--scale`): a session of N events is generated through the
// background's real ingest path (inject.mjs; this also measures ingest at that size), then the
// panel page is opened as a plain extension page for the tab that holds it and measured:
// time to first rows, filter time, scroll frame times, JS heap; then the exporter's streamed
// NDJSON export (time and peak JS heap), when this build has one.
import { filterTime, firstRows, scrollFrames } from '../panel-probe.mjs';
import { quantile } from '../stats.mjs';
import { ingestSample } from './ingest.mjs';

const MB = 2 ** 20;

async function heapMB(page) {
  const m = await page.metrics();
  return m.JSHeapUsedSize / MB;
}

/** Samples the page's JS heap every 50 ms while `work` runs; returns the work's result and the peak. */
async function withPeakHeap(page, work) {
  let peak = await heapMB(page);
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, await heapMB(page).catch(() => peak));
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  try {
    return { result: await work(), peakMB: peak };
  } finally {
    running = false;
    await sampler;
    peak = Math.max(peak, await heapMB(page).catch(() => peak));
  }
}

/** JS heap after a forced full GC: what the page really keeps (JSHeapUsedSize alone counts garbage not yet collected). */
async function retainedHeapMB(page) {
  const cdp = await page.createCDPSession();
  try {
    await cdp.send('HeapProfiler.collectGarbage');
  } finally {
    await cdp.detach().catch(() => {});
  }
  return heapMB(page);
}

async function measurePanel(session, tabId) {
  const page = await session.inspected.browser.newPage();
  await page.goto(`${session.inspected.extensionOrigin}/src/panel/panel.html?tabId=${tabId}`);
  const first = await page.evaluate(firstRows, 60000);
  if (first.ms === null) throw new Error('panel: no message row within 60 s');
  const heapAfterFirst = await retainedHeapMB(page);
  const { result: scrollAndFilter, peakMB } = await withPeakHeap(page, async () => {
    const scroll = await page.evaluate(scrollFrames, 120);
    const filter = await page.evaluate(filterTime, 'user-42', 60000);
    return { scroll, filter };
  });
  const { scroll, filter } = scrollAndFilter;
  const heapEnd = await retainedHeapMB(page);
  await page.close();
  const frames = scroll.deltas ?? [];
  return {
    firstRowsMs: first.ms,
    firstVia: first.via,
    clickedAt: first.clickedAt,
    scroll: scroll.error ? { error: scroll.error } : { maxMs: Math.max(...frames), p95Ms: quantile(frames, 0.95), frames: frames.length, rows: scroll.rows },
    filter,
    // Judged: what the panel keeps after a GC (with a filter's matches held). Reported beside it:
    // the highest JSHeapUsedSize seen while scrolling and filtering, garbage included.
    heapMB: Math.max(heapAfterFirst, heapEnd),
    peakHeapMB: peakMB,
  };
}

async function measureExport(session, tabId) {
  const exporter = await session.exporter();
  const available = await exporter.evaluate(() => typeof window.realtimeInspector.exportNdjson === 'function');
  if (!available) return { available: false };
  await exporter.evaluate(() => new Promise((r) => setTimeout(r, 0)));
  const base = await heapMB(exporter);
  const { result, peakMB } = await withPeakHeap(exporter, () =>
    exporter.evaluate(async (tab) => {
      const t0 = performance.now();
      const out = await window.realtimeInspector.exportNdjson({ tabIds: [tab] });
      const ms = performance.now() - t0;
      // Whatever it returns stays in the page: only its size crosses to Node.
      const size = typeof out === 'string' ? out.length : (out?.size ?? out?.byteLength ?? out?.bytes ?? null);
      return { ms, size };
    }, tabId),
  );
  return { available: true, ms: result.ms, size: result.size, peakMB, growthMB: peakMB - base };
}

export async function runScale({ server, size, say }) {
  const { result: ingest, session } = await ingestSample({ browserName: 'chromium', server, n: size, keep: true });
  try {
    say(`  scale ${size}: generated in ${ingest.ms.toFixed(0)} ms (${ingest.eventsPerSec.toFixed(0)} events/s, every event read back with contiguous seq)`);
    const panel = await measurePanel(session, ingest.tabId);
    say(`  scale ${size}: panel first rows ${panel.firstRowsMs.toFixed(0)} ms (${panel.firstVia}), heap ${panel.heapMB.toFixed(0)} MB after GC (peak ${panel.peakHeapMB.toFixed(0)} MB), scroll ${panel.scroll.error ?? `max ${panel.scroll.maxMs.toFixed(0)} ms p95 ${panel.scroll.p95Ms.toFixed(0)} ms over ${panel.scroll.frames} frames (${panel.scroll.rows} rows in the DOM)`}, filter ${panel.filter.error ?? (panel.filter.ms === null ? 'timeout' : `first results ${panel.filter.firstMs === null ? '?' : panel.filter.firstMs.toFixed(0)} ms, complete ${panel.filter.ms.toFixed(0)} ms (${panel.filter.via})`)}`);
    const exp = await measureExport(session, ingest.tabId);
    say(`  scale ${size}: NDJSON export ${exp.available ? `${exp.ms.toFixed(0)} ms, peak heap ${exp.peakMB.toFixed(0)} MB (+${exp.growthMB.toFixed(0)} MB), size ${exp.size}` : 'not available in this build (no realtimeInspector.exportNdjson)'}`);
    return { size, ingest, panel, export: exp, version: ingest.version };
  } finally {
    await session.close();
  }
}
