// stream-incomplete: a streamed fetch response that ended without its protocol's end marker —
// cut off in the middle of an event or line (warning), ended by a network error (warning), or
// ended by the server after a last event that is no known end marker (info: many streams have
// none). Known markers: `data: [DONE]` (OpenAI-style), an event named message_stop / done /
// complete / completed / end / response.completed (Anthropic, OpenAI Responses, common servers),
// or a last JSON record carrying `"done": true` (Ollama NDJSON), a non-null `finish_reason` or
// `stop_reason`, or `"type": "message_stop" | "response.completed"`. The page ending the stream
// itself (abort, cancel) is the page's choice: not reported.

import { makeFinding, ref } from '../finding';
import { label } from '../format';
import type { Shared } from '../shared-analysis';
import type { AnalysisEvent, Evidence, Finding } from '../types';
import { fetchStreams } from './stream-view';

const END_EVENTS = new Set(['message_stop', 'done', 'complete', 'completed', 'end', 'response.completed', 'finish']);
const END_JSON = /"done"\s*:\s*true|"(?:finish_reason|stop_reason)"\s*:\s*"[^"]+"|"type"\s*:\s*"(?:message_stop|response\.completed)"/;

/** The end marker `e` is, or undefined. */
export function endMarker(e: AnalysisEvent): string | undefined {
  const data = e.data ?? '';
  if (data.trim() === '[DONE]') return '[DONE]';
  if (e.eventType !== undefined && END_EVENTS.has(e.eventType)) return `event ${e.eventType}`;
  const m = data.length <= 64 * 1024 ? END_JSON.exec(data) : null;
  return m ? m[0] : undefined;
}

export function detectIncompleteStreams(shared: Shared): Finding[] {
  const out: Finding[] = [];
  for (const s of fetchStreams(shared.ctx.conns)) {
    const c = s.view.conn;
    const end = c.streamEnd;
    if (end === undefined || end.by === 'abort' || end.by === 'cancel') continue;
    const complete = s.records.filter((e) => !e.unterminated);
    const cut = s.records.find((e) => e.unterminated);
    // The last few complete records: a usage event may follow the marker.
    let marker: { ev: AnalysisEvent; text: string } | undefined;
    for (let i = complete.length - 1; i >= Math.max(0, complete.length - 3) && !marker; i--) {
      const text = endMarker(complete[i]!);
      if (text !== undefined) marker = { ev: complete[i]!, text };
    }
    if (marker && !cut && end.by === 'server') continue;
    const unit = c.streamFormat === 'sse' ? 'event' : 'line';
    const evidence: Evidence = { endedBy: end.by, records: complete.length, endMarker: marker ? marker.text : null };
    if (end.error !== undefined) evidence.error = end.error;
    if (cut) evidence.cutOff = ref(cut);
    const last = complete[complete.length - 1];
    if (last) evidence.lastRecord = ref(last);
    const why = cut
      ? `was cut off in the middle of an ${unit} (it never got its ${c.streamFormat === 'sse' ? 'blank line' : 'line end'})`
      : end.by === 'error'
        ? `ended with a network error${end.error ? ` (${end.error})` : ''}`
        : `ended after ${complete.length} ${unit}${complete.length === 1 ? '' : 's'} without an end marker such as [DONE]`;
    const after = cut && end.by === 'error' ? ', by a network error' : marker ? ` (after ${marker.text})` : '';
    out.push(makeFinding({
      kind: 'stream-incomplete', severity: cut || end.by === 'error' ? 'warning' : 'info', t: end.t, connectionIds: [c.id],
      message: `${label(c)} ${why}${after}.`,
      evidence,
      anchor: { connectionId: c.id },
    }));
  }
  return out;
}
