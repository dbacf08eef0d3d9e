// unidirectional-websocket (info): over a meaningful sample — at least UNIDIR_MIN_MESSAGES_IN
// incoming messages over UNIDIR_MIN_DURATION_MS — the page sent at most UNIDIR_MAX_OUT_SHARE of
// the messages and of the bytes. A one-way stream is what Server-Sent Events do, with reconnect
// and resume (Last-Event-ID) built in and plain HTTP infrastructure.

import { makeFinding } from '../finding';
import { formatDuration, label, plural } from '../format';
import type { Shared } from '../shared-analysis';
import { UNIDIR_MAX_OUT_SHARE, UNIDIR_MIN_DURATION_MS, UNIDIR_MIN_MESSAGES_IN } from '../thresholds';
import type { Finding } from '../types';

export function detectUnidirectionalWebSockets(shared: Shared): Finding[] {
  const out: Finding[] = [];
  for (const view of shared.ctx.conns) {
    const c = view.conn;
    if (c.kind !== 'websocket' || c.openedAt === undefined) continue;
    if (view.messagesIn < UNIDIR_MIN_MESSAGES_IN) continue;
    const until = view.end.t ?? shared.ctx.now;
    const duration = until - c.openedAt;
    if (duration < UNIDIR_MIN_DURATION_MS) continue;
    const msgShare = view.messagesOut / (view.messagesIn + view.messagesOut);
    const totalBytes = view.bytesIn + view.bytesOut;
    const byteShare = totalBytes === 0 ? 0 : view.bytesOut / totalBytes;
    if (msgShare > UNIDIR_MAX_OUT_SHARE || byteShare > UNIDIR_MAX_OUT_SHARE) continue;
    out.push(makeFinding({
      kind: 'unidirectional-websocket', severity: 'info', t: c.openedAt, connectionIds: [c.id],
      message: `${label(c)} received ${plural(view.messagesIn, 'message')} and sent only ${view.messagesOut} in ${formatDuration(duration)}; for a one-way stream, Server-Sent Events would be simpler to operate, with reconnect and resume built in.`,
      evidence: {
        messagesIn: view.messagesIn, messagesOut: view.messagesOut, bytesIn: view.bytesIn, bytesOut: view.bytesOut, durationMs: duration,
        outMessageShare: Math.round(msgShare * 1000) / 1000, outByteShare: Math.round(byteShare * 1000) / 1000,
      },
      anchor: { connectionId: c.id },
    }));
  }
  return out;
}
