// Command-line arguments of `npm run record` / `realtime-inspector-record`, parsed with
// node:util parseArgs. Every mistake becomes a UsageError with a one-line message (exit code 2).
import { parseArgs } from 'node:util';
import type { BrowserName } from './browsers';
import { parseFaultSpec, type FaultSpec } from './fault-spec';

export interface RecordCliOptions {
  urls: string[];
  browser: BrowserName;
  /** How long to record after load when no --wait-for is given. */
  durationMs: number;
  /** A JS expression evaluated in each page until it is truthy. */
  waitFor?: string;
  /** Limit for a page to load, and then for --wait-for to become truthy. */
  timeoutMs: number;
  out: string;
  headless: boolean;
  /** --format json|har|ndjson (default json = the session log). */
  format: 'session-log' | 'har' | 'ndjson';
  /** --include-sensitive: do not mask tokens, cookies and the like (default: sanitized). */
  includeSensitive: boolean;
  /** --fault KIND:MATCH@AT[/ARG], repeatable (docs/faults.md). */
  faults: FaultSpec[];
  /** --expect-recovery: exit 3 unless every fault's verdict is "recovered". */
  expectRecovery: boolean;
}

export const DEFAULT_DURATION_MS = 3000;
export const DEFAULT_TIMEOUT_MS = 30_000;

export const USAGE = `Usage: npm run record -- --url URL [--url URL ...] --out FILE
       [--browser chromium|firefox] [--duration MS] [--wait-for JS_EXPRESSION] [--timeout MS] [--headful]
       [--format json|har|ndjson] [--include-sensitive]
       [--fault KIND:MATCH@AT[/ARG] ...] [--expect-recovery]

Opens each URL in its own tab of a browser with Realtime Inspector installed, records for
--duration ms after load (default ${DEFAULT_DURATION_MS}) or until --wait-for is truthy in every tab,
and writes the session log of all tabs to FILE as JSON (or --format har / ndjson). Secrets (token-like
URL parameters, JWTs, cookies, authorization values, secret JSON keys) are masked unless
--include-sensitive is given.

--fault applies a fault on purpose AT after load to the newest open connection whose URL contains
MATCH, and the log gets its recovery verdict (docs/faults.md). KIND: drop (ARG: refuse new
connections that long, e.g. drop:/feed@5s/10s), drop-messages, delay-messages, duplicate-messages,
reorder-messages (ARG: how many), hold-sends, release-sends, inject and send (ARG: the text).
Each verdict is printed; with --expect-recovery the exit code is 3 unless all say "recovered".`;

export class UsageError extends Error {
  readonly exitCode = 2;
  override name = 'UsageError';
}

function parseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`invalid --url "${raw}": not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`invalid --url "${raw}": only http and https URLs can be recorded`);
  }
  return url.href;
}

function parseMs(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`invalid --${name} "${raw}": expected a whole number of milliseconds`);
  const ms = Number(raw);
  if (!Number.isSafeInteger(ms)) throw new UsageError(`invalid --${name} "${raw}": too large`);
  return ms;
}

function parseBrowser(raw: string | undefined): BrowserName {
  if (raw === undefined || raw === 'chromium') return 'chromium';
  if (raw === 'firefox') return 'firefox';
  throw new UsageError(`unknown --browser "${raw}": use chromium or firefox`);
}

function parseFormat(raw: string | undefined): RecordCliOptions['format'] {
  if (raw === undefined || raw === 'json') return 'session-log';
  if (raw === 'har' || raw === 'ndjson') return raw;
  throw new UsageError(`unknown --format "${raw}": use json, har or ndjson`);
}

/** Returns the options, `'help'` for --help, or throws UsageError. */
export function parseRecordArgs(argv: string[]): RecordCliOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        url: { type: 'string', multiple: true },
        browser: { type: 'string' },
        duration: { type: 'string' },
        'wait-for': { type: 'string' },
        timeout: { type: 'string' },
        out: { type: 'string', short: 'o' },
        headful: { type: 'boolean' },
        format: { type: 'string' },
        'include-sensitive': { type: 'boolean' },
        fault: { type: 'string', multiple: true },
        'expect-recovery': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    // parseArgs messages are long and multi-line; keep the first line.
    const first = String((err as Error).message).split('\n')[0];
    throw new UsageError(first ?? 'invalid arguments');
  }
  if (values.help) return 'help';
  const urls = (values.url ?? []).map(parseUrl);
  if (urls.length === 0) throw new UsageError('missing --url: give at least one http(s) URL to record');
  const out = values.out?.trim();
  if (!out) throw new UsageError('missing --out FILE: where to write the session log');
  const waitFor = values['wait-for'];
  if (waitFor !== undefined && waitFor.trim() === '') throw new UsageError('empty --wait-for: give a JavaScript expression');
  const options: RecordCliOptions = {
    urls,
    browser: parseBrowser(values.browser),
    durationMs: parseMs('duration', values.duration, DEFAULT_DURATION_MS),
    timeoutMs: parseMs('timeout', values.timeout, DEFAULT_TIMEOUT_MS),
    out,
    headless: !values.headful,
    format: parseFormat(values.format),
    includeSensitive: values['include-sensitive'] ?? false,
    faults: (values.fault ?? []).map((f) => {
      try {
        return parseFaultSpec(f);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
    }),
    expectRecovery: values['expect-recovery'] ?? false,
  };
  if (options.expectRecovery && options.faults.length === 0) throw new UsageError('--expect-recovery needs at least one --fault');
  if (waitFor !== undefined) options.waitFor = waitFor;
  if (options.timeoutMs === 0) throw new UsageError('invalid --timeout 0: must be at least 1 ms');
  return options;
}
