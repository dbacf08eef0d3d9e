// Event ids across a whole lineage, in one pass: SSE `lastEventId`s, or a WebSocket sequence field
// (payload-fields.ts). Inside a stretch of one connection the ids should step by +1; across a
// reconnect an EventSource should resume right after the Last-Event-ID it sent (resume-mismatch
// otherwise), and a WebSocket lineage shows what was missed while disconnected (a gap, a replay, a
// reset "across reconnect").
//
// SSE subtleties: `lastEventId` is the browser's last-event-ID buffer at dispatch, so an event
// without an `id:` line repeats the previous value (not a duplicate), an empty value means the
// buffer was reset, and events of types the page does not listen to move the buffer invisibly.

import type { ConnView, Lineage } from './context';
import { ref } from './finding';
import type { Boundary, GapObservation, IdObservation, LineageIds, ResumeObservation } from './id-observations';
import { NumericSequence } from './numeric-sequence';
import type { LineageFields } from './payload-fields';
import { requestAfter } from './requests';
import { NON_NUMERIC_ID_MEMORY } from './thresholds';
import type { AnalysisEvent } from './types';

const DIGITS = /^\d{1,15}$/;

export function analyzeLineageIds(lineage: Lineage, fields: LineageFields): LineageIds | undefined {
  const first = lineage.conns[0];
  if (!first) return undefined;
  const isSse = first.conn.kind === 'eventsource';
  if (!isSse && !fields.sequenceField) return undefined;

  const out: IdObservation[] = [];
  const seq = new NumericSequence(out);
  let mode: 'numeric' | 'text' | undefined;
  const textSeen = new Set<string>();
  let firstText: string | undefined;
  let lastBuf = '';
  let lastData: string | undefined;
  let lastSeenRef: AnalysisEvent | undefined;
  let lastSeenRaw = '';
  let pending: Boundary | undefined;
  let replay: { obs: ResumeObservation; until: number } | undefined;
  let replayText: ResumeObservation | undefined;

  const remember = (id: string) => {
    textSeen.add(id);
    if (textSeen.size > NON_NUMERIC_ID_MEMORY) textSeen.delete(textSeen.values().next().value!);
  };

  // After an ambiguous link (lineage-pairing.ts) the ids start over without any conclusion:
  // comparing with a connection this one may not have replaced would invent gaps and resets.
  let fresh = false;
  const handle = (raw: string, x: number, ev: AnalysisEvent) => {
    const b = pending;
    pending = undefined;
    if (fresh) {
      fresh = false;
      replay = undefined;
      replayText = undefined;
      if (mode === 'numeric') seq.restart(x, ev);
      else {
        textSeen.clear();
        remember(raw);
      }
      return;
    }
    if (b) {
      // A new boundary ends any replay still being counted from the previous one.
      replay = undefined;
      replayText = undefined;
      if (isSse && lastSeenRef && resume(b, raw, x, ev)) return;
    }
    if (replay) {
      if (x <= replay.until) {
        replay.obs.replayed++;
        replay.obs.lastReplayed = ref(ev);
        return;
      }
      replay = undefined;
    }
    if (replayText) {
      if (textSeen.has(raw)) {
        replayText.replayed++;
        replayText.lastReplayed = ref(ev);
        return;
      }
      replayText = undefined;
    }
    if (mode === 'numeric') seq.push(x, ev, !isSse ? b : undefined);
    else {
      firstText ??= raw;
      remember(raw);
    }
  };

  /** SSE only: checks where the server resumed. Returns true when it consumed the value. */
  const resume = (b: Boundary, raw: string, x: number, ev: AnalysisEvent): boolean => {
    const base: Omit<ResumeObservation, 'verdict'> = {
      type: 'resume', boundary: b, lastSeen: lastSeenRaw, lastSeenRef: ref(lastSeenRef!), got: raw, firstAfter: ref(ev), t: ev.t, replayed: 0,
    };
    if (mode === 'numeric') {
      if (seq.empty) return false;
      const sent = b.sentId != null && DIGITS.test(b.sentId) ? Number(b.sentId) : undefined;
      const expected = sent !== undefined ? sent + 1 : seq.max + 1;
      if (x === expected || (sent === undefined && x === seq.max + 1)) {
        // Resumed right. Ids between what the page saw and what was sent were events of types it
        // does not listen to: not missing.
        if (x > seq.max + 1) seq.jumpTo(x, ev);
        else seq.push(x, ev);
        return true;
      }
      if (x > expected) {
        const missing: GapObservation = {
          type: 'gap', from: expected, to: x - 1, count: x - expected, filled: 0, before: ref(lastSeenRef!), after: ref(ev), t: ev.t,
        };
        out.push({ ...base, verdict: 'skipped', expected, missingFrom: expected, missingTo: x - 1, missingCount: x - expected });
        seq.jumpTo(x, ev, missing);
        return true;
      }
      if (x <= seq.base && seq.max > seq.base) {
        out.push({ ...base, verdict: 'restarted', expected, replayed: 1, lastReplayed: ref(ev) });
        seq.jumpTo(x, ev);
        return true;
      }
      const obs: ResumeObservation = { ...base, verdict: 'replayed', expected, replayed: 1, lastReplayed: ref(ev) };
      out.push(obs);
      replay = { obs, until: Math.max(seq.max, sent ?? seq.max) };
      return true;
    }
    if (textSeen.size === 0 || !textSeen.has(raw)) return false;
    const obs: ResumeObservation = { ...base, verdict: raw === firstText ? 'restarted' : 'replayed', replayed: 1, lastReplayed: ref(ev) };
    out.push(obs);
    if (obs.verdict === 'replayed') replayText = obs;
    else {
      textSeen.clear();
      firstText = raw;
      remember(raw);
    }
    return true;
  };

  for (const view of lineage.conns) {
    const values = fields.seq.get(view.conn.id);
    if (view.prev) {
      pending = newConnectionBoundary(view, lastBuf);
      if (isSse) lastBuf = '';
      fresh = view.ambiguousLink === true;
    }
    let cycleStart: AnalysisEvent | undefined;
    const events = view.events;
    for (let i = 0; i < events.length; i++) {
      const ev = events[i]!;
      if (ev.type === 'error') {
        if (isSse && ev.readyState === 0 && cycleStart === undefined) cycleStart = ev;
        continue;
      }
      if (ev.type === 'open') {
        if (cycleStart) {
          pending = reconnectBoundary(view, cycleStart, ev, lastBuf);
          cycleStart = undefined;
        } else if (pending && pending.at === undefined) {
          pending.at = ref(ev);
        }
        continue;
      }
      if (ev.type !== 'message' || ev.direction === 'out') continue;
      let raw: string;
      let x: number;
      if (isSse) {
        raw = ev.lastEventId ?? '';
        if (raw === '') {
          lastBuf = '';
          continue;
        }
        // Same buffer value: an event without an `id:` line — unless, right after a reconnect,
        // it is the very event seen last, sent again.
        if (raw === lastBuf && !(pending && ev.data !== undefined && ev.data === lastData)) continue;
        lastBuf = raw;
        lastData = ev.data;
        if (mode === undefined) mode = DIGITS.test(raw) ? 'numeric' : 'text';
        x = mode === 'numeric' && DIGITS.test(raw) ? Number(raw) : Number.NaN;
        if (mode === 'numeric' && Number.isNaN(x)) continue;
      } else {
        x = values ? values[i]! : Number.NaN;
        if (Number.isNaN(x)) continue;
        raw = String(x);
        mode = 'numeric';
      }
      handle(raw, x, ev);
      lastSeenRef = ev;
      lastSeenRaw = raw;
    }
  }

  if (mode === undefined) return undefined;
  let observations = out;
  if (isSse && mode === 'numeric' && !seq.isSseSequence) {
    // Numeric SSE ids that are not a +1 sequence (timestamps, sparse ids): only going backwards
    // across a reconnect is meaningful; "skipped" cannot be told apart from normal spacing.
    // (A WebSocket field was chosen by the user or detected as a sequence already.)
    observations = out.filter((o): o is ResumeObservation => o.type === 'resume' && o.verdict !== 'skipped');
    for (const o of observations as ResumeObservation[]) {
      delete o.expected;
    }
  }
  const result: LineageIds = { lineageId: lineage.id, field: isSse ? 'lastEventId' : fields.sequenceField!.path, mode, observations };
  if (mode === 'numeric' && !Number.isNaN(seq.initial)) result.initial = seq.initial;
  return result;
}

function reconnectBoundary(view: ConnView, error: AnalysisEvent, open: AnalysisEvent, lastBuf: string): Boundary {
  const b: Boundary = { type: 'reconnect', since: ref(error), at: ref(open), downtimeMs: open.t - error.t };
  const r = requestAfter(view.requests, error.t, open.t);
  if (r) {
    b.sentId = r.lastEventId ?? null;
    b.sentSource = 'request';
  } else {
    b.sentId = lastBuf === '' ? null : lastBuf;
    b.sentSource = 'inferred';
  }
  return b;
}

function newConnectionBoundary(view: ConnView, prevBuf: string): Boundary {
  const prev = view.prev!;
  const b: Boundary = { type: 'new-connection' };
  const endEv = prev.end.event ?? prev.lifecycle[prev.lifecycle.length - 1];
  if (endEv) b.since = ref(endEv);
  const prevEnd = prev.end.t ?? prev.lastT;
  if (view.conn.openedAt !== undefined && prevEnd !== undefined) b.downtimeMs = view.conn.openedAt - prevEnd;
  if (view.conn.kind !== 'eventsource') return b;
  const r = view.requests?.[0];
  if (r) {
    b.sentId = r.lastEventId ?? null;
    b.sentSource = 'request';
    return b;
  }
  if (prevBuf !== '' && queryHasValue(view.conn.url, prevBuf)) {
    b.sentId = prevBuf;
    b.sentSource = 'url-query';
    return b;
  }
  // A new EventSource starts with an empty last-event-ID buffer: it sends no Last-Event-ID.
  b.sentId = null;
  b.sentSource = 'new-eventsource';
  return b;
}

function queryHasValue(url: string, value: string): boolean {
  try {
    for (const v of new URL(url).searchParams.values()) if (v === value) return true;
  } catch {
    // not a URL
  }
  return false;
}
