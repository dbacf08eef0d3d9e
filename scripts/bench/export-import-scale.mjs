// Import and export of an N-event NDJSON file at scale (issue 5): does memory stay bounded?
//
// A local HTTP server streams a synthetic NDJSON export (one page, 4 WebSockets of JSON messages
// with ids, 1 sent per 10 received, each socket opened and closed), generated line by line so
// Node never holds it either. The viewer page imports it with its API
// (window.realtimeInspectorViewer.importNdjsonUrl: fetch, streamed from the response body, batches
// to the background with flow control), then the exporter page exports the imported tab again
// (window.realtimeInspector.exportNdjson, streamed into a Blob). Reported: wall time of each, and
// the peak JS heap of the page doing it and of the extension's service worker, sampled every
// 50 ms (CDP: Performance.getMetrics JSHeapUsedSize for pages, Runtime.getHeapUsage for the worker).
//
// As a module: `measureExportImport({ browser, extensionOrigin, n })` with a puppeteer Browser
// that has the extension (Chromium). As a command (holds nothing itself: take the browser lock):
//   flock /tmp/ri-browser.lock node scripts/bench/export-import-scale.mjs [--n 100000,1000000]
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const MB = 2 ** 20;
const SOCKETS = 4;

/** The synthetic file, as lines (each ending in '\n'). Exactly n events, split over SOCKETS sockets. */
export function* syntheticNdjson(n) {
  const t0 = Date.UTC(2026, 0, 1);
  const perSocket = Array.from({ length: SOCKETS }, (_, i) => Math.floor(n / SOCKETS) + (i < n % SOCKETS ? 1 : 0));
  yield JSON.stringify({ record: 'header', format: 'realtime-inspector.ndjson', version: 1, sessionLogVersion: 1, exportedAt: new Date(t0).toISOString(), producer: { name: 'Realtime Inspector', version: 'bench', browser: 'synthetic' }, sanitized: { applied: true, rules: [] } }) + '\n';
  yield JSON.stringify({ record: 'page', id: 'p1', tabId: 7, url: 'https://app.example/trade', startedAt: t0 }) + '\n';
  for (let s = 0; s < SOCKETS; s++) {
    const last = perSocket[s];
    const conn = { record: 'connection', id: `ws${s}`, pageId: 'p1', tabId: 7, kind: 'websocket', url: `wss://feed.example/v2/stream?shard=${s}`, origin: 'wss://feed.example', frameUrl: 'https://app.example/trade', frameId: 0, createdAt: t0 + s, state: 'closed', openedAt: t0 + s + 5, closedAt: t0 + 10 * last + 10, close: { code: 1000, reason: '', wasClean: true } };
    yield JSON.stringify(conn) + '\n';
  }
  for (let s = 0; s < SOCKETS; s++) {
    const last = perSocket[s];
    let lines = '';
    for (let seq = 1; seq <= last; seq++) {
      const t = t0 + s + seq * 10;
      let e;
      if (seq === 1) e = { connectionId: `ws${s}`, seq, t, type: 'open', size: 0, protocol: '', extensions: 'permessage-deflate' };
      else if (seq === last) e = { connectionId: `ws${s}`, seq, t, type: 'close', size: 0, code: 1000, reason: '', wasClean: true };
      else if (seq % 10 === 0) {
        const data = JSON.stringify({ id: seq, op: 'ack', upTo: seq - 1 });
        e = { connectionId: `ws${s}`, seq, t, type: 'message', direction: 'out', data, size: data.length, bufferedAmount: 0 };
      } else {
        const data = JSON.stringify({ id: seq, type: 'quote', symbol: `SYM${seq % 97}`, bid: 100 + (seq % 1000) / 100, ask: 100.05 + (seq % 1000) / 100, ts: t });
        e = { connectionId: `ws${s}`, seq, t, type: 'message', direction: 'in', data, size: data.length };
      }
      lines += `{"record":"event",${JSON.stringify(e).slice(1)}\n`;
      if (lines.length > 1 << 16) {
        yield lines;
        lines = '';
      }
    }
    if (lines) yield lines;
  }
  yield JSON.stringify({ record: 'end', pages: 1, connections: SOCKETS, events: n, findings: 0 }) + '\n';
}

function serveNdjson(n) {
  let bytes = 0;
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'access-control-allow-origin': '*' });
    Readable.from(syntheticNdjson(n))
      .on('data', (chunk) => (bytes += Buffer.byteLength(chunk)))
      .pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}/session.ndjson`, bytes: () => bytes, close: () => new Promise((r) => server.close(r)) })));
}

/** Runs `work` while sampling heaps every 50 ms; returns its result and the peak of each probe (MB). */
async function withPeaks(probes, work) {
  const peaks = Object.fromEntries(Object.keys(probes).map((k) => [k, 0]));
  const sampleAll = async () => {
    for (const [k, probe] of Object.entries(probes)) peaks[k] = Math.max(peaks[k], await probe().catch(() => 0));
  };
  await sampleAll();
  let running = true;
  const sampler = (async () => {
    while (running) {
      await sampleAll();
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  try {
    return { result: await work(), peaks };
  } finally {
    running = false;
    await sampler;
    await sampleAll();
  }
}

const pageHeap = (page) => async () => (await page.metrics()).JSHeapUsedSize / MB;

async function workerHeap(browser, extensionOrigin) {
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(extensionOrigin), { timeout: 30000 });
  const cdp = await target.createCDPSession();
  return async () => (await cdp.send('Runtime.getHeapUsage')).usedSize / MB;
}

/** An extension page whose `global` API is ready (goto may resolve late; poll instead). */
async function openExtensionPage(browser, url, global) {
  const page = await browser.newPage();
  page.goto(url).catch(() => {});
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (await page.evaluate((g) => typeof window[g] === 'object', global).catch(() => false)) return page;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url}: window.${global} not ready`);
}

export async function measureExportImport({ browser, extensionOrigin, n }) {
  const server = await serveNdjson(n);
  const viewer = await openExtensionPage(browser, `${extensionOrigin}/src/viewer/viewer.html`, 'realtimeInspectorViewer');
  const exporter = await openExtensionPage(browser, `${extensionOrigin}/src/exporter/exporter.html`, 'realtimeInspector');
  try {
    const background = await workerHeap(browser, extensionOrigin);
    const imported = await withPeaks({ page: pageHeap(viewer), background }, () => viewer.evaluate((url) => window.realtimeInspectorViewer.importNdjsonUrl(url, 'bench.ndjson'), server.url));
    if (imported.result.events !== n) throw new Error(`import: ${imported.result.events} of ${n} events`);
    const exported = await withPeaks({ page: pageHeap(exporter), background }, () =>
      exporter.evaluate(async (tabId) => {
        const t0 = performance.now();
        const out = await window.realtimeInspector.exportNdjson({ tabIds: [tabId] });
        return { ...out, ms: Math.round(performance.now() - t0) };
      }, imported.result.tabId),
    );
    if (exported.result.events !== n) throw new Error(`export: ${exported.result.events} of ${n} events`);
    return {
      n,
      fileBytes: server.bytes(),
      import: { ms: imported.result.ms, events: imported.result.events, peakPageMB: imported.peaks.page, peakBackgroundMB: imported.peaks.background },
      export: { ms: exported.result.ms, bytes: exported.result.bytes, events: exported.result.events, peakPageMB: exported.peaks.page, peakBackgroundMB: exported.peaks.background },
    };
  } finally {
    await viewer.close();
    await exporter.close();
    await server.close();
  }
}

export function describeResult(r) {
  const f = (x) => x.toFixed(0);
  return [
    `${r.n.toLocaleString('en-US')} events, file ${f(r.fileBytes / MB)} MB:`,
    `  import ${f(r.import.ms)} ms (${f((r.n / r.import.ms) * 1000)} events/s), peak JS heap viewer ${f(r.import.peakPageMB)} MB, background ${f(r.import.peakBackgroundMB)} MB`,
    `  export ${f(r.export.ms)} ms (${f((r.n / r.export.ms) * 1000)} events/s, ${f(r.export.bytes / MB)} MB), peak JS heap exporter ${f(r.export.peakPageMB)} MB, background ${f(r.export.peakBackgroundMB)} MB`,
  ].join('\n');
}

async function main() {
  const arg = process.argv.indexOf('--n');
  const sizes = (arg > 0 ? process.argv[arg + 1] : '100000,1000000').split(',').map(Number);
  const { ensureBuilt } = await import('../lib/build-all.mjs');
  await ensureBuilt({ log: (line) => process.stderr.write(`${line}\n`) });
  const { launchInspectedBrowser } = await import('../../dist/recorder/index.js');
  for (const n of sizes) {
    // A fresh browser per size: what one size left in IndexedDB does not weigh on the next.
    const ib = await launchInspectedBrowser({ browser: 'chromium' });
    try {
      const r = await measureExportImport({ browser: ib.browser, extensionOrigin: ib.extensionOrigin, n });
      console.log(describeResult(r));
      console.log(JSON.stringify({ ...r, browser: await ib.browser.version() }));
    } finally {
      await ib.close();
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
