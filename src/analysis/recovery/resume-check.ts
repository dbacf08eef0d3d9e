// Where the stream continued after a reconnect: the last id / sequence value the page had before
// the drop, the first one after, and how many in between never arrived or came twice. Ids are
// the lineage's own: SSE `lastEventId`s, or the WebSocket sequence field that payload-fields.ts
// detected (or the user chose). Only numeric ids can be counted; text ids are compared for a
// replay of the last one.

import type { ConnView } from '../context';
import { ref } from '../finding';
import type { LineageFields } from '../payload-fields';
import type { AnalysisEvent, EventRef } from '../types';

const DIGITS = /^\d{1,15}$/;

export interface ResumeCheck {
  field: string;
  lastBefore?: { value: number; ref: EventRef };
  firstAfter?: { value: number; ref: EventRef };
  /** Ids between the last before and the first after that never arrived on the new connection. */
  missed?: { from: number; to: number; count: number };
  /** Values at or below the last before, delivered again. */
  duplicated: number;
  /** The new connection started over (its first id far below the last before, at or near its start). */
  restarted: boolean;
}

/** Sequence values of a connection's incoming messages, with their events. */
function valuesOf(view: ConnView, fields: LineageFields): Array<{ x: number; ev: AnalysisEvent }> {
  const out: Array<{ x: number; ev: AnalysisEvent }> = [];
  const isSse = view.conn.kind === 'eventsource';
  const seq = fields.seq.get(view.conn.id);
  view.events.forEach((ev, i) => {
    if (ev.type !== 'message' || ev.direction === 'out') return;
    let x = Number.NaN;
    if (isSse) {
      if (ev.lastEventId !== undefined && DIGITS.test(ev.lastEventId)) x = Number(ev.lastEventId);
    } else if (seq) x = seq[i]!;
    if (!Number.isNaN(x)) out.push({ x, ev });
  });
  return out;
}

/** undefined when the lineage has no numeric id or sequence field to compare. */
export function resumeCheck(lost: ConnView, after: ConnView, fields: LineageFields, droppedAt: number): ResumeCheck | undefined {
  const isSse = lost.conn.kind === 'eventsource';
  if (!isSse && !fields.sequenceField) return undefined;
  const before = valuesOf(lost, fields).filter((v) => v.ev.t <= droppedAt);
  const next = valuesOf(after, fields);
  const check: ResumeCheck = { field: isSse ? 'lastEventId' : fields.sequenceField!.path, duplicated: 0, restarted: false };
  const last = before[before.length - 1];
  if (!last) return before.length === 0 && next.length === 0 ? undefined : check;
  check.lastBefore = { value: last.x, ref: ref(last.ev) };
  const first = next[0];
  if (!first) return check;
  check.firstAfter = { value: first.x, ref: ref(first.ev) };
  let maxBefore = -Infinity;
  for (const v of before) if (v.x > maxBefore) maxBefore = v.x;
  const seen = new Set<number>();
  for (const v of next) {
    if (v.x <= maxBefore) check.duplicated++;
    seen.add(v.x);
  }
  const minBefore = before.reduce((m, v) => Math.min(m, v.x), Infinity);
  if (first.x <= minBefore && maxBefore - first.x > 1) {
    check.restarted = true;
    check.duplicated = 0;
    return check;
  }
  // Missing: ids after the last before, below the highest seen after, that never arrived.
  // Counted without walking the span (a sequence may jump far): only the ids seen are visited.
  let maxAfter = -Infinity;
  for (const v of next) if (v.x > maxAfter) maxAfter = v.x;
  let inRange = 0;
  for (const x of seen) if (x > maxBefore && x < maxAfter) inRange++;
  const count = maxAfter - maxBefore - 1 - inRange;
  let from: number | undefined;
  let to = 0;
  if (count > 0) {
    from = maxBefore + 1;
    while (seen.has(from)) from++;
    to = maxAfter - 1;
    while (seen.has(to)) to--;
  }
  if (from !== undefined) check.missed = { from, to, count };
  return check;
}
