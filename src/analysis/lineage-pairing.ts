// Which ended connection a new one replaces, when several could be it. Order alone ("the most
// recently ended one that nobody continued") cross-links parallel sockets: two widgets that each
// keep their own socket to one URL reconnect after a server restart, and each new socket gets the
// other widget's old one. So candidates are scored by what ties a replacement to its predecessor:
// the first outgoing message (a subscribe or auth message names the topic; compared exactly, then
// with digits and tokens blanked out) and the requested subprotocols. The creation stack does not
// help: a reconnect is created from another call path than the first socket. Among the best
// scores the most recently ended wins; when more than one candidate has the best score the link
// is ambiguous, and the id analysis draws no conclusion across it (no gap, reset or replay).

import { LINEAGE_CLOSE_TOLERANCE_MS } from './thresholds';
import type { AnalysisConnection } from './types';

export interface PairingInput {
  conn: AnalysisConnection;
  /** When it ended for good (undefined: still live). */
  end?: number;
  /** The data of its first outgoing message, when it sent one. */
  firstOut?: string;
}

const JWT_LIKE = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const LONG_TOKEN = /[A-Za-z0-9_-]{24,}/g;
const DIGITS = /\d+/g;

/** A first message with what changes on every connection (tokens, times, counters) blanked out. */
export function messageShape(data: string): string {
  return data.slice(0, 4096).replace(JWT_LIKE, 'T').replace(LONG_TOKEN, 'T').replace(DIGITS, '0');
}

function sameProtocols(a: AnalysisConnection, b: AnalysisConnection): boolean {
  const x = a.requestedProtocols ?? [];
  const y = b.requestedProtocols ?? [];
  return x.length === y.length && x.every((p, i) => p === y[i]);
}

function firstMessagesDiffer(a: PairingInput, b: PairingInput): boolean {
  return a.firstOut !== undefined && b.firstOut !== undefined && messageShape(a.firstOut) !== messageShape(b.firstOut);
}

/** How strongly `prev` looks like the connection `next` replaces (0: nothing ties them). */
export function pairingScore(next: PairingInput, prev: PairingInput): number {
  let score = 0;
  if (next.firstOut !== undefined && prev.firstOut !== undefined) {
    if (next.firstOut === prev.firstOut) score += 4;
    else if (messageShape(next.firstOut) === messageShape(prev.firstOut)) score += 2;
  }
  if ((next.conn.requestedProtocols?.length || prev.conn.requestedProtocols?.length) && sameProtocols(next.conn, prev.conn)) score += 1;
  return score;
}

/**
 * Of `open` (ended connections nobody continued yet), the one `next` continues: its index, and
 * whether another candidate was just as likely. undefined when none ended before `next` was made.
 */
export function choosePredecessor(next: PairingInput, open: readonly PairingInput[]): { index: number; ambiguous: boolean } | undefined {
  let best = -1;
  let bestScore = -1;
  let ties = 0;
  for (let i = 0; i < open.length; i++) {
    const end = open[i]!.end!;
    if (end > next.conn.createdAt + LINEAGE_CLOSE_TOLERANCE_MS) continue;
    // Created just before the other's end (the tolerance is for clients that reconnect from
    // onerror): only a replacement if nothing says otherwise — a socket opened alongside for
    // another topic (a different first message) is a parallel socket, not a replacement.
    if (end > next.conn.createdAt && firstMessagesDiffer(next, open[i]!)) continue;
    const score = pairingScore(next, open[i]!);
    if (score > bestScore) {
      best = i;
      bestScore = score;
      ties = 1;
    } else if (score === bestScore) {
      ties++;
      if (end >= open[best]!.end!) best = i;
    }
  }
  return best < 0 ? undefined : { index: best, ambiguous: ties > 1 };
}
