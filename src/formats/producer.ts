// The `producer` field of every export (session log, NDJSON header; HAR's creator reads it):
// which program and browser wrote the file. One place, so the formats cannot disagree.

import type { SessionLog } from '../contracts/session-log-format';

export const PRODUCER_NAME = 'Realtime Inspector';

/** "Chromium 156" / "Firefox 153" from a user agent string, for the log's producer field. */
export function producerBrowser(userAgent: string): string {
  const firefox = /Firefox\/(\d+(?:\.\d+)?)/.exec(userAgent);
  if (firefox) return `Firefox ${firefox[1]}`;
  const chrome = /Chrom(?:e|ium)\/(\d+)/.exec(userAgent);
  if (chrome) return `Chromium ${chrome[1]}`;
  return userAgent.slice(0, 100) || 'unknown';
}

export function producer(opts: { browser: string; version?: string }): SessionLog['producer'] {
  return { name: PRODUCER_NAME, version: opts.version ?? __RI_VERSION__, browser: opts.browser };
}
