// Shared wording and evidence for the id detectors, including the honest caveat for SSE: events of
// types the page does not listen to never reach the hook, yet they move the id sequence. A page
// that listens to named types shows the server uses them, so more types it ignores are plausible:
// gaps there are info; otherwise warnings that still carry the caveat.

import type { ConnView } from './context';
import type { Boundary } from './id-observations';
import { formatDuration, range } from './format';
import type { Evidence, Severity } from './types';

export function sseCaveat(view: ConnView): { severity: Severity; suffix: string; evidence: Evidence } {
  const listened = view.conn.listenedTypes ?? [];
  const evidence: Evidence = { invisibleTypesPossible: true, listenedTypes: ['message', ...listened.filter((t) => t !== 'message')] };
  if (listened.length > 0) {
    return {
      severity: 'info',
      suffix: `; they may be events of types the page does not listen to (it listens to message, ${listened.join(', ')})`,
      evidence,
    };
  }
  return { severity: 'warning', suffix: ' (unless the server sent them as named event types the page does not listen to)', evidence };
}

/** "ids 6–8" for SSE, "seq 6–8" for a WebSocket field. */
export function idsText(field: string, from: number, to: number): string {
  const what = field === 'lastEventId' ? (from === to ? 'id' : 'ids') : `${JSON.stringify(field)}`;
  return `${what} ${range(from, to)}`;
}

export function acrossEvidence(b: Boundary | undefined): Evidence {
  if (!b) return { acrossReconnect: false };
  const e: Evidence = { acrossReconnect: true, boundary: b.type };
  if (b.downtimeMs !== undefined) e.downtimeMs = b.downtimeMs;
  if (b.since) e.disconnected = b.since;
  if (b.at) e.reconnected = b.at;
  return e;
}

export function acrossText(b: Boundary | undefined): string {
  if (!b) return '';
  return b.downtimeMs !== undefined ? ` while it was disconnected for ${formatDuration(b.downtimeMs)}` : ' across a reconnect';
}
