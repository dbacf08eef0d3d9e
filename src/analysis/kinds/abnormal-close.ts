// abnormal-close: a WebSocket the page did not close ended abnormally — 1006 (no close frame: the
// connection dropped), 1011 (server error), 1015 (TLS), any unclean close — or was closed by the
// peer for an error in what it received (1002, 1003, 1007, 1008, 1009, 1010, 1014). Going-away
// codes are server-going-away's. 1011 and 1015 are errors; a drop (1006 or unclean) that the
// lineage recovered from (a later socket opened) is info, otherwise a warning; the peer's error
// codes are warnings.

import { ABNORMAL_CLOSE_CODES, ERROR_CLOSE_CODES, GOING_AWAY_CLOSE_CODES, closeCodeName, describeCloseCode } from '../close-codes';
import { makeFinding, ref } from '../finding';
import { formatDuration, label } from '../format';
import type { Shared } from '../shared-analysis';
import type { ConnView } from '../context';
import { closedAtTokenExpiry } from '../token-expiry';
import type { Evidence, Finding, Severity } from '../types';

const MEANING: Record<number, string> = {
  1002: 'the peer saw a protocol error',
  1003: 'the peer cannot accept this type of data',
  1006: 'no close frame arrived, so the connection dropped (network, proxy idle timeout, or a crashed server)',
  1007: 'a message was not valid for its type (for example bad UTF-8)',
  1008: 'the server refused something by policy, often authentication',
  1009: 'a message was too big for the peer',
  1010: 'the server did not agree to an extension the client required',
  1011: 'the server hit an unexpected error',
  1014: 'a gateway could not reach the server behind it',
  1015: 'the TLS handshake failed',
};

export function detectAbnormalCloses(shared: Shared): Finding[] {
  const out: Finding[] = [];
  for (const view of shared.ctx.conns) {
    if (view.conn.kind !== 'websocket' || view.end.how !== 'close') continue;
    const ev = view.end.event!;
    const call = view.conn.closeCall;
    if (call && call.t <= ev.t) continue;
    const code = ev.code ?? 1005;
    if (GOING_AWAY_CLOSE_CODES.has(code)) continue;
    const unclean = ev.wasClean === false;
    if (!ABNORMAL_CLOSE_CODES.has(code) && !ERROR_CLOSE_CODES.has(code) && !unclean) continue;
    const opened = view.conn.openedAt;
    let recovered: ConnView | undefined;
    for (let next = view.next; next && !recovered; next = next.next) if (next.conn.openedAt !== undefined) recovered = next;
    const evidence: Evidence = {
      code, codeName: closeCodeName(code), reason: ev.reason ?? '', wasClean: ev.wasClean ?? null, opened: opened !== undefined, close: ref(ev),
      recovered: recovered !== undefined,
    };
    if (recovered) evidence.recoveredBy = recovered.conn.id;
    if (opened !== undefined) evidence.openForMs = ev.t - opened;
    // The server closing at the token's expiry, and the page reconnecting, is the app working.
    const atExpiry = closedAtTokenExpiry(view) !== undefined;
    if (atExpiry) evidence.atTokenExpiry = true;
    const meaning = atExpiry ? 'at the expiry of its token, so the server enforces token expiry' : MEANING[code] ?? `it closed uncleanly with ${describeCloseCode(code)}`;
    const reason = ev.reason ? ` (reason ${JSON.stringify(ev.reason.length > 60 ? ev.reason.slice(0, 59) + '…' : ev.reason)})` : '';
    const after = recovered ? `; a new socket was open again ${formatDuration(recovered.conn.openedAt! - ev.t)} later` : '';
    const message = opened === undefined
      ? `${label(view.conn)} could not connect: it closed with ${describeCloseCode(code)}${reason} before opening — ${meaning}${after}.`
      : `${label(view.conn)} closed with ${describeCloseCode(code)}${reason} after ${formatDuration(ev.t - opened)} open — ${meaning}${after}.`;
    const severity: Severity = code === 1011 || code === 1015 ? 'error' : (ERROR_CLOSE_CODES.has(code) && !(atExpiry && recovered)) || !recovered ? 'warning' : 'info';
    out.push(makeFinding({
      kind: 'abnormal-close', severity, t: ev.t, connectionIds: recovered ? [view.conn.id, recovered.conn.id] : [view.conn.id],
      message, evidence, anchor: { close: ref(ev) },
    }));
  }
  return out;
}
