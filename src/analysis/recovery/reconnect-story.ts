// What a lineage did after one of its connections was dropped on purpose: every new connection
// it made (each an attempt), the waits between them, the first one that opened, and whether the
// waits grew (backoff) or stayed near zero (a tight loop). Read from the lineage (lineage.ts), so
// a reconnect counts only when it replaced the dropped connection.

import type { ConnView } from '../context';
import { RECOVERY_TIGHT_LOOP_MAX_DELAY_MS, RECOVERY_TIGHT_LOOP_MIN_ATTEMPTS, LINEAGE_CLOSE_TOLERANCE_MS } from '../thresholds';
import type { AnalysisEvent } from '../types';

export interface ReconnectStory {
  /** New connections after the drop, in order. */
  attempts: ConnView[];
  /** Wait before each attempt: from the drop (first) or the previous attempt's end. */
  delaysMs: number[];
  /** The first attempt that opened, and its open event. */
  reopened?: { view: ConnView; open: AnalysisEvent };
  backoff: 'none' | 'immediate' | 'constant' | 'growing';
  tightLoop: boolean;
  /** EventSource: retries the browser made by itself (error with readyState 0) before the attempt that opened. */
  browserRetries: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor((s.length - 1) / 2)]!;
};

export function reconnectStory(lost: ConnView, lineage: readonly ConnView[], droppedAt: number): ReconnectStory {
  const attempts = lineage.filter((v) => v.attempt > lost.attempt && v.conn.createdAt >= droppedAt - LINEAGE_CLOSE_TOLERANCE_MS);
  const delaysMs: number[] = [];
  let prevEnd = droppedAt;
  let reopened: ReconnectStory['reopened'];
  let browserRetries = 0;
  for (const v of attempts) {
    if (!reopened && v.conn.kind === 'eventsource') {
      for (const e of v.lifecycle) {
        if (e.type === 'open') break;
        if (e.type === 'error' && e.readyState === 0) browserRetries++;
      }
    }
    delaysMs.push(Math.max(0, Math.round(v.conn.createdAt - prevEnd)));
    prevEnd = v.end.t ?? v.lastT ?? v.conn.createdAt;
    if (!reopened) {
      const open = v.lifecycle.find((e) => e.type === 'open');
      if (open) reopened = { view: v, open };
    }
  }
  // Attempts up to (and including) the one that opened tell the backoff.
  const upTo = reopened ? attempts.indexOf(reopened.view) + 1 : attempts.length;
  const tries = delaysMs.slice(0, upTo);
  const tightLoop = tries.length >= RECOVERY_TIGHT_LOOP_MIN_ATTEMPTS && median(tries) < RECOVERY_TIGHT_LOOP_MAX_DELAY_MS;
  const story: ReconnectStory = { attempts, delaysMs, backoff: backoffOf(tries), tightLoop, browserRetries };
  if (reopened) story.reopened = reopened;
  return story;
}

function backoffOf(delays: number[]): ReconnectStory['backoff'] {
  if (delays.length === 0) return 'none';
  if (delays.every((d) => d < RECOVERY_TIGHT_LOOP_MAX_DELAY_MS)) return 'immediate';
  if (delays.length < 2) return 'constant';
  let grew = 0;
  for (let i = 1; i < delays.length; i++) if (delays[i]! >= delays[i - 1]! * 1.3) grew++;
  return grew >= Math.ceil((delays.length - 1) / 2) ? 'growing' : 'constant';
}
