// record(): open URLs in a browser with the extension, let them run, export one session log.
// The logic behind `npm run record`; also usable from Node through the recorder API.
import { access, constants } from 'node:fs/promises';
import type { Page } from 'puppeteer-core';
import type { SessionLog } from '../contracts/session-log-format';
import { browserNotFound, defaultExecutablePath, type BrowserName } from './browsers';
import { launchInspectedBrowser, type InspectedBrowser } from './launch';
import { saveSessionLog } from './save-log';
import type { FaultSpec } from './fault-spec';
import type { LogVerdict } from '../contracts/session-log-format';

export interface RecordOptions {
  urls: string[];
  browser?: BrowserName;
  /** Recording time after load when there is no waitFor. Default 3000 ms. */
  durationMs?: number;
  /** JS expression evaluated in every tab until truthy (instead of durationMs). */
  waitFor?: string;
  /** Limit for each page to load, then for waitFor. Default 30000 ms. */
  timeoutMs?: number;
  /** Where to write the session log (pretty JSON); omit to only return it. */
  out?: string;
  /** Format of `out`: the session log (default), HAR 1.2 or NDJSON. */
  format?: 'session-log' | 'har' | 'ndjson';
  /** Keep secrets as recorded. Default false: the export is sanitized. */
  includeSensitive?: boolean;
  headless?: boolean;
  executablePath?: string;
  /** Faults applied on purpose during the recording (docs/faults.md, `--fault`); their verdicts are awaited before the export. */
  faults?: FaultSpec[];
}

export interface RecordResult {
  sessionLog: SessionLog;
  tabs: number;
  connections: number;
  events: number;
  out?: string;
  /** One per --fault, in the order given. */
  verdicts: LogVerdict[];
}

/** A failure the user can fix (bad URL, missing browser, page too slow): exit code 2 in the CLI. */
export class RecordError extends Error {
  readonly exitCode = 2;
  override name = 'RecordError';
}

/** The binary launchInspectedBrowser will use, checked up front for a clear message. */
export async function checkBrowserBinary(browser: BrowserName, executablePath?: string): Promise<string> {
  const path = executablePath ?? defaultExecutablePath(browser);
  try {
    await access(path, constants.X_OK);
  } catch {
    throw new RecordError(browserNotFound(browser, path));
  }
  return path;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function openTab(inspected: InspectedBrowser, url: string, timeoutMs: number): Promise<Page> {
  const page = await inspected.browser.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TimeoutError') throw new RecordError(`${url} did not load within ${timeoutMs} ms`);
    throw new RecordError(`${url} could not be loaded: ${e.message.split('\n')[0]}`);
  }
  return page;
}

/**
 * Polls with evaluate rather than page.waitForFunction: in Firefox the latter flaked about one
 * run in ten across process swaps; a plain evaluate in a loop did not. A throwing expression
 * counts as not yet true.
 */
async function waitForExpression(page: Page, url: string, expression: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // Newlines keep a trailing `// comment` in the expression from swallowing the closing paren.
  const source = `!!(\n${expression}\n)`;
  let lastError = '';
  for (;;) {
    try {
      if ((await page.evaluate(source)) === true) return;
      lastError = '';
    } catch (err) {
      lastError = (err as Error).message.split('\n')[0] ?? '';
    }
    if (Date.now() >= deadline) {
      const why = lastError ? ` (last error: ${lastError})` : '';
      throw new RecordError(`--wait-for ${JSON.stringify(expression)} did not become truthy on ${url} within ${timeoutMs} ms${why}`);
    }
    await sleep(100);
  }
}

export async function record(opts: RecordOptions): Promise<RecordResult> {
  const browser = opts.browser ?? 'chromium';
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const durationMs = opts.durationMs ?? 3000;
  if (opts.urls.length === 0) throw new RecordError('no URL to record');
  const executablePath = await checkBrowserBinary(browser, opts.executablePath);

  const inspected = await launchInspectedBrowser({ browser, executablePath, headless: opts.headless ?? true });
  try {
    const pages: Page[] = [];
    // One tab after another: parallel loads would compete for the same two cores and make
    // --timeout depend on how many URLs were given.
    for (const url of opts.urls) pages.push(await openTab(inspected, url, timeoutMs));
    // Each fault at its time after the pages loaded; failures are kept and reported after the recording.
    const loadedAt = Date.now();
    const applied = (opts.faults ?? []).map((f) =>
      sleep(Math.max(0, loadedAt + f.atMs - Date.now())).then(() =>
        inspected.faults.apply(f.match, f.action).catch((err: unknown) => {
          throw new RecordError(`--fault ${f.text}: ${(err as Error).message.replace(/^fault \S+ on \S+: /, '')}`);
        }),
      ),
    );
    // Rejections are read after the recording; meanwhile they must not count as unhandled.
    for (const a of applied) a.catch(() => {});
    if (opts.waitFor !== undefined) {
      const expression = opts.waitFor;
      await Promise.all(pages.map((page, i) => waitForExpression(page, opts.urls[i] ?? '', expression, timeoutMs)));
    } else {
      // The recording window itself, not a synchronisation wait.
      await sleep(durationMs);
    }
    const verdicts: LogVerdict[] = [];
    for (const a of applied) verdicts.push(await (await a).verdict({ timeoutMs }));
    await inspected.flush();
    // All tabs: the browser holds only the ones opened here (plus an empty first tab), and
    // matching tabs by URL would fail for a URL given twice or one that redirected.
    const scope = { includeSensitive: opts.includeSensitive ?? false };
    const sessionLog = await inspected.exportSessionLog(scope);
    const result: RecordResult = {
      sessionLog,
      tabs: pages.length,
      connections: sessionLog.connections.length,
      events: sessionLog.events.length,
      verdicts,
    };
    if (opts.out) {
      const saved = await saveSessionLog(inspected, opts.out, { ...scope, format: opts.format ?? 'session-log', sessionLog });
      result.out = saved.path;
    }
    return result;
  } finally {
    await inspected.close();
  }
}
