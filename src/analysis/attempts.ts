// The reconnect story of a lineage: every attempt to (re)connect, and every successful reconnect
// with its delay and downtime. EventSource reconnects by itself (error with readyState 0, then
// open on the same object); WebSocket clients make a new socket (linked by lineage.ts); apps may
// also rebuild an EventSource (also linked).

import type { ConnView, Lineage } from './context';
import { ref } from './finding';
import { requestAfter } from './requests';
import type { AnalysisEvent, EventRef, RequestObservation } from './types';

export interface AttemptRecord {
  connectionId: string;
  /** When the attempt started (WebSocket: created; EventSource: the error that scheduled it). */
  t: number;
  /** Its first event (absent when nothing of it was recorded). */
  ref?: EventRef;
  /** Time from the previous failure to this attempt's start (WebSocket) or outcome (EventSource). */
  delayMs: number;
  /** How long the previous attempt stayed open before it failed (0: it never opened). */
  prevUpMs: number;
}

export interface ReconnectRecord {
  lineageId: string;
  how: 'eventsource-cycle' | 'new-connection';
  connectionIds: string[];
  /** When the connection was lost (undefined when it had never been up: a first connect that took tries). */
  lostAt?: number;
  lostRef?: EventRef;
  /** The close event of the lost WebSocket, or how the previous connection ended. */
  cause: { how: string; code?: number; reason?: string; wasClean?: boolean };
  reopenedAt: number;
  reopenRef: EventRef;
  /** Tries it took, the successful one included. */
  attempts: number;
  /** Wait before the successful try; how it was measured. */
  delayMs: number;
  delaySource: 'request' | 'open' | 'created';
  /** From losing the connection (or the first try) to being open again. */
  downtimeMs: number;
  /** EventSource: the reconnect request (webRequest), when observed. */
  request?: RequestObservation;
}

export interface LineageAttempts {
  attempts: AttemptRecord[];
  reconnects: ReconnectRecord[];
}

export function lineageAttempts(lineage: Lineage): LineageAttempts {
  const attempts: AttemptRecord[] = [];
  const reconnects: ReconnectRecord[] = [];
  // The last connection of the lineage that was up, and when it went down.
  let lastUp: { view: ConnView; lostAt?: number; lostRef?: EventRef } | undefined;
  let firstTry: ConnView | undefined;
  let triesSinceUp = 0;

  for (const view of lineage.conns) {
    const prev = view.prev;
    if (prev) {
      const prevEnd = prev.end.t ?? prev.lastT ?? view.conn.createdAt;
      const attempt: AttemptRecord = {
        connectionId: view.conn.id, t: view.conn.createdAt, delayMs: Math.max(0, view.conn.createdAt - prevEnd),
        prevUpMs: prev.conn.openedAt !== undefined ? Math.max(0, prevEnd - lastOpenBefore(prev, prevEnd)) : 0,
      };
      const first = view.events[0];
      if (first) attempt.ref = ref(first);
      attempts.push(attempt);
    }
    triesSinceUp++;
    firstTry ??= view;
    if (view.conn.kind === 'eventsource') sseCycles(view, lineage.id, attempts, reconnects);

    const open = view.lifecycle.find((e) => e.type === 'open');
    if (open && prev) {
      const lost = lastUp ?? undefined;
      const rec: ReconnectRecord = {
        lineageId: lineage.id,
        how: 'new-connection',
        connectionIds: chain(lost?.view ?? firstTry, view),
        cause: causeOf(prev),
        reopenedAt: open.t,
        reopenRef: ref(open),
        attempts: triesSinceUp,
        delayMs: Math.max(0, view.conn.createdAt - (prev.end.t ?? view.conn.createdAt)),
        delaySource: 'created',
        downtimeMs: open.t - (lost?.lostAt ?? firstTry!.conn.createdAt),
      };
      if (lost?.lostAt !== undefined) rec.lostAt = lost.lostAt;
      if (lost?.lostRef !== undefined) rec.lostRef = lost.lostRef;
      reconnects.push(rec);
    }
    if (open) {
      triesSinceUp = 0;
      firstTry = undefined;
      const up: { view: ConnView; lostAt?: number; lostRef?: EventRef } = { view };
      if (view.end.t !== undefined) up.lostAt = view.end.t;
      const endEv = view.end.event;
      if (endEv) up.lostRef = ref(endEv);
      lastUp = up;
    }
    // A connection that never opened leaves lastUp alone: that one is still the connection lost.
  }
  return { attempts, reconnects };
}

/** EventSource's own cycles inside one connection: error(readyState 0) … open. */
function sseCycles(view: ConnView, lineageId: string, attempts: AttemptRecord[], reconnects: ReconnectRecord[]): void {
  let outageStart: AnalysisEvent | undefined;
  let lastError: AnalysisEvent | undefined;
  let errors = 0;
  let lastOpenT: number | undefined;
  const lc = view.lifecycle;
  for (let i = 0; i < lc.length; i++) {
    const ev = lc[i]!;
    if (ev.type === 'error' && ev.readyState === 0) {
      const outcome = lc[i + 1];
      attempts.push({
        connectionId: view.conn.id, t: ev.t, ref: ref(ev), delayMs: outcome ? outcome.t - ev.t : 0,
        prevUpMs: lastOpenT !== undefined && (lastError === undefined || lastOpenT > lastError.t) ? ev.t - lastOpenT : 0,
      });
      outageStart ??= ev;
      lastError = ev;
      errors++;
    } else if (ev.type === 'open') {
      if (outageStart && lastError) {
        const r = requestAfter(view.requests, lastError.t, ev.t);
        const rec: ReconnectRecord = {
          lineageId, how: 'eventsource-cycle', connectionIds: [view.conn.id], lostAt: outageStart.t, lostRef: ref(outageStart),
          cause: { how: 'error' }, reopenedAt: ev.t, reopenRef: ref(ev), attempts: errors,
          delayMs: (r ? r.t : ev.t) - lastError.t, delaySource: r ? 'request' : 'open', downtimeMs: ev.t - outageStart.t,
        };
        if (r) rec.request = r;
        reconnects.push(rec);
      }
      outageStart = undefined;
      lastError = undefined;
      errors = 0;
      lastOpenT = ev.t;
    }
  }
}

function causeOf(prev: ConnView): ReconnectRecord['cause'] {
  const ev = prev.end.event;
  const cause: ReconnectRecord['cause'] = { how: prev.end.how ?? 'unknown' };
  if (ev && ev.type === 'close') {
    if (ev.code !== undefined) cause.code = ev.code;
    if (ev.reason) cause.reason = ev.reason;
    if (ev.wasClean !== undefined) cause.wasClean = ev.wasClean;
  }
  if (prev.conn.closeCall && (prev.end.t === undefined || prev.conn.closeCall.t <= prev.end.t)) cause.how = 'page-close';
  return cause;
}

function chain(from: ConnView, to: ConnView): string[] {
  const ids: string[] = [];
  for (let v: ConnView | undefined = to; v; v = v.prev) {
    ids.push(v.conn.id);
    if (v === from) break;
  }
  return ids.reverse();
}

function lastOpenBefore(view: ConnView, t: number): number {
  let found = view.conn.openedAt ?? t;
  for (const ev of view.lifecycle) if (ev.type === 'open' && ev.t <= t) found = ev.t;
  return found;
}
