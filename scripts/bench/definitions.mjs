// What the benchmark compares and against what, in one place: the names of the measured
// configurations (configs.mjs runs them), the targets and budgets the tables mark ✓/✗ against
// (issue 6), and the "Method" section of docs/benchmarks.md that says how every table was measured.

export const CONFIG_LABEL = {
  none: 'no extension',
  ext: 'our extension',
  devtools: 'DevTools capture (CDP Network.enable)',
  // --ablate (scripts/lib/build-all.mjs buildAblation): one stage of the capture path cut off.
  'ablate-listener': 'ablation: hook listeners build records, nothing is sent',
  'ablate-no-dispatch': 'ablation: batches stringified, not dispatched to the relay',
  'ablate-relay-drop': 'ablation: relay receives batches, posts nothing',
  'ablate-background-drop': 'ablation: relay posts, background only acknowledges',
};

export const PAGE_TARGET_SMALL = 1.1;
export const PAGE_TARGET_LARGE = 1.03;
/** Pages that never stream (issue 14): ordinary fetches must pay next to nothing. */
export const PAGE_TARGET_FETCHES = 1.02;
export const INGEST_TARGET = 100_000;
export const PANEL_BUDGETS = { firstRowsMs: 500, filterMs: 1000, frameMs: 50, heapMB: 300 };

export const METHOD_LINES = [
  '## Method',
  '',
  '- **Browsers.** Debian\'s Chromium and Firefox ESR, headless, launched by puppeteer-core through the recorder API (`launchInspectedBrowser`), a fresh browser and profile per sample, servers on 127.0.0.1 started by the benchmark (scripts/bench/server.mjs, page scripts/bench/page.html). Every configuration is launched with the same command line (Chromium always with extensions enabled; only the extension arm then installs the extension), printed with each table; until 2026-12-02 the no-extension arm in Chromium ran with `--disable-extensions`, so earlier ratios compared two different launches. Every page scenario runs in both browsers.',
  '- **Puppeteer\'s own network capture is off** (`networkEnabled: false`) in every configuration. By default puppeteer enables the CDP Network domain on every page it attaches to — the same capture the DevTools Network tab does — which slowed the page by about as much as the extension did. The first published figures (1.275× in Chromium) were measured with it on, in both arms.',
  '- **Configurations.** *no extension* (the limit); *our extension*; *DevTools capture*: no extension, a CDP session on the page with `Network.enable` whose events reach a client that does nothing with them (the DevTools front end would also render them: a lower bound of what the Network tab costs).',
  '- **Page cost.** The page measures with `performance.now()` from the request that starts a burst (a WebSocket message "go kind N" — text "N|xxx…", JSON `{"seq":N,"type":"tick",…}` that the page parses as an app would, or binary with N as uint32 —, a fetch that makes the server write N SSE events, or its own first send) to the Nth message received (or the server\'s "got N" answer). The server writes each burst corked, so the page, not the server, is the bottleneck. A warm-up burst (N/10, at most 1,000) precedes each sample. Each rep runs every configuration once, the order rotated per rep; ratios are of medians, with the range of per-rep ratios.',
  '- **Completeness.** After every sample with the extension, everything is flushed and the session log is exported and checked inside the extension\'s exporter page: one connection, events with seq 1…k without a gap, every message of the warm-up and of the burst in order, in the right direction, at its full size, none truncated. Any difference ends the run with exit code 1 ("LOSS or disorder").',
  '- **Hook cost.** CDP `Performance.getMetrics` on the page (thread time): TaskDuration (everything on the main thread) and ScriptDuration (JavaScript) across the measured burst, after a forced GC (`HeapProfiler.collectGarbage`) at both ends for JSHeapUsedSize; with the extension the final flush is included. The relay content script runs on the same thread and is counted.',
  '- **Sustained burst.** The server streams ~100 B text messages at a steady 20,000 per second for 10 s (2 s in `--quick`); both arms receive the same messages. The page checks every one; with the extension the stored log must hold them all. Peak JS heap from CDP `Performance.getMetrics` every 250 ms, no forced GC (Chromium; Firefox has no CDP).',
  '- **Ingest.** An extension page in a tab opens the relay port and posts hello and batches of hook records (500 per batch, ~100 B JSON messages) exactly as the relay does, keeping at most 40 batches unacknowledged; the background acknowledges a batch only after the IndexedDB transaction holding it committed. Rate = events / (first post → last acknowledgement). Then every stored chunk is read back: seq contiguous, every message present. "Stored JSON beyond the payload" = characters of the stored chunk JSON minus the payload characters, per event (the per-event fields and the escaping of JSON payloads inside a JSON string); the storage estimate is `navigator.storage.estimate()` before/after (IndexedDB compresses, so it can be below the payload).',
  '- **Panel and export at scale** (in every full run, `--no-scale` skips it; not in `--quick`): the session is generated through the same ingest path; the panel runs as an extension page (`panel.html?tabId=`) and reports, where its build sets them, the marks `ri:first-rows`, `ri:filter-first`, `ri:filter-done`; otherwise the DOM is watched (stated in the table). Export: `realtimeInspector.exportNdjson` in the exporter page; "not available" when the build has none.',
  '- **Profile** (`--profile`): CDP Profiler on the background service worker target and on the page during one WS small-text burst; top self-time functions.',
  '- **Machine.** Each table names the machine and the 1-minute load average at the start and end of the run. On a shared 2-core machine a load above ~2 means other work shared the cores; such figures are rough.',
  '- `npm run bench -- --quick` (CI): every page-cost scenario in Chromium with a small N, no extension vs ours, one rep, plus a 20,000-event ingest; checks completeness only, writes nothing.',
];
