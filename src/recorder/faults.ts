// Faults from automation (docs/faults.md, README "Test recovery"): the same faults the panel
// applies, through the exporter page (an extension page, so the background accepts its request),
// and the recovery verdict the analysis gives for each. `inspected.faults.drop('/feed', {
// outageMs: 5000 })` then `await applied.verdict()` waits until the verdict is no longer
// "waiting" and returns it.

import type { Page } from 'puppeteer-core';
import type { FaultAction, MessageFaultMode } from '../contracts/fault';
import type { FaultRequest, FaultResponse } from '../contracts/protocol';
import type { LogVerdict, SessionLog } from '../contracts/session-log-format';

/** Which connection: the newest open one whose URL contains the string (in `page`'s tab when given), or a connection id. */
export type FaultMatch = string | { connectionId: string };

export interface FaultOptions {
  /** Only connections of this page's tab. */
  page?: Page;
}

export interface AppliedFault {
  faultId: string;
  connectionId: string;
  url: string;
  /** drop with outageMs: when new connections are accepted again (epoch ms). */
  refusedUntil?: number;
  /** Waits for this fault's verdict to be judged (not "waiting"), or the timeout (default 60 s), and returns it. */
  verdict(opts?: { timeoutMs?: number }): Promise<LogVerdict>;
}

export interface Faults {
  /** Any fault action (contracts/fault.ts FaultAction). */
  apply(match: FaultMatch, action: FaultAction, opts?: FaultOptions): Promise<AppliedFault>;
  /** Drops the connection as a network loss would; with outageMs, refuses new connections to its URL (or origin) that long. */
  drop(match: FaultMatch, opts?: FaultOptions & { outageMs?: number; scope?: 'url' | 'origin' }): Promise<AppliedFault>;
  /** Drops, delays, duplicates or reorders the next `count` incoming messages (containing `match` text when given). */
  messages(match: FaultMatch, mode: MessageFaultMode, count: number, opts?: FaultOptions & { textIncludes?: string; delayMs?: number }): Promise<AppliedFault>;
  holdSends(match: FaultMatch, opts?: FaultOptions): Promise<AppliedFault>;
  releaseSends(match: FaultMatch, opts?: FaultOptions): Promise<AppliedFault>;
  /** A text message shown to the page as if from the server (isTrusted false). */
  inject(match: FaultMatch, data: string, opts?: FaultOptions): Promise<AppliedFault>;
  /** A text message sent to the server as if by the page. */
  send(match: FaultMatch, data: string, opts?: FaultOptions): Promise<AppliedFault>;
  /** Every verdict so far (flushed first). */
  verdicts(): Promise<LogVerdict[]>;
}

export interface FaultsDeps {
  exporterPage(): Promise<Page>;
  tabIdOf(page: Page): Promise<number>;
  exportSessionLog(): Promise<SessionLog>;
}

/** The exporter page's window API for faults (src/exporter/exporter.ts). */
interface FaultWindow {
  realtimeInspector: { fault(req: FaultRequest): Promise<FaultResponse> };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createFaults(d: FaultsDeps): Faults {
  const verdictOf = async (faultId: string, timeoutMs: number): Promise<LogVerdict> => {
    const deadline = Date.now() + timeoutMs;
    let last: LogVerdict | undefined;
    for (;;) {
      last = (await d.exportSessionLog()).verdicts?.find((v) => v.faultId === faultId);
      if (last && last.status !== 'waiting') return last;
      if (Date.now() > deadline) {
        if (last) return last;
        throw new Error(`no verdict for fault ${faultId} within ${timeoutMs} ms`);
      }
      await sleep(500);
    }
  };

  const apply = async (match: FaultMatch, action: FaultAction, opts: FaultOptions = {}): Promise<AppliedFault> => {
    const req: FaultRequest = { type: 'ri:fault', action };
    if (typeof match === 'string') req.urlIncludes = match;
    else req.connectionId = match.connectionId;
    if (opts.page) req.tabId = await d.tabIdOf(opts.page);
    const page = await d.exporterPage();
    const res = await page.evaluate((r) => (window as unknown as FaultWindow).realtimeInspector.fault(r), JSON.parse(JSON.stringify(req)) as FaultRequest);
    if (!res.ok) throw new Error(`fault ${action.kind} on ${typeof match === 'string' ? match : match.connectionId}: ${res.error}`);
    const applied: AppliedFault = {
      faultId: res.faultId,
      connectionId: res.connectionId,
      url: res.url,
      verdict: (o = {}) => verdictOf(res.faultId, o.timeoutMs ?? 60_000),
    };
    if (res.refusedUntil !== undefined) applied.refusedUntil = res.refusedUntil;
    return applied;
  };

  return {
    apply,
    drop: (m, o = {}) => {
      const a: FaultAction = { kind: 'drop' };
      if (o.outageMs !== undefined) a.refuseMs = o.outageMs;
      if (o.scope !== undefined) a.refuseScope = o.scope;
      return apply(m, a, o);
    },
    messages: (m, mode, count, o = {}) => {
      const a: FaultAction = { kind: 'messages', mode, count };
      if (o.textIncludes !== undefined) a.match = o.textIncludes;
      if (o.delayMs !== undefined) a.delayMs = o.delayMs;
      return apply(m, a, o);
    },
    holdSends: (m, o) => apply(m, { kind: 'hold-sends' }, o),
    releaseSends: (m, o) => apply(m, { kind: 'release-sends' }, o),
    inject: (m, data, o) => apply(m, { kind: 'inject', data }, o),
    send: (m, data, o) => apply(m, { kind: 'send', data }, o),
    async verdicts() {
      return (await d.exportSessionLog()).verdicts ?? [];
    },
  };
}
