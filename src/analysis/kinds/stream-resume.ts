// stream-resume: a streamed fetch response whose request sent a Last-Event-ID header (seen with
// webRequest) — a fetch-based SSE client resuming after a drop, as @microsoft/fetch-event-source
// does. Checked against the previous stream of the same URL in the same page load:
// - info: it resumed from the id of the last event the previous stream delivered complete;
// - warning: it resent the id of an event that was cut off before its end (a client that takes
//   `id:` when it parses the line rather than at dispatch, as the spec's EventSource does,
//   fetch-event-source among them): a server that resumes *after* that id never sends the cut
//   event again, so it is lost;
// - warning: it resent another id than either (events may be skipped or repeated);
// - info: the stream it resumes was not recorded (nothing to compare).

import { makeFinding, ref } from '../finding';
import { label, quoteId } from '../format';
import type { Shared } from '../shared-analysis';
import type { Evidence, Finding } from '../types';
import { fetchStreams, type StreamView } from './stream-view';

export function detectStreamResumes(shared: Shared): Finding[] {
  const out: Finding[] = [];
  const streams = fetchStreams(shared.ctx.conns);
  for (const s of streams) {
    const c = s.view.conn;
    const sent = c.requestLastEventId;
    if (sent === undefined) continue;
    const prev = previousOf(s, streams);
    const evidence: Evidence = { sent };
    const base = { kind: 'stream-resume' as const, t: s.start, anchor: { connectionId: c.id } };
    if (!prev) {
      out.push(makeFinding({ ...base, severity: 'info', connectionIds: [c.id], evidence,
        message: `${label(c)} resumed with Last-Event-ID ${quoteId(sent)}; the stream it resumes was not recorded.` }));
      continue;
    }
    const complete = prev.records.filter((e) => !e.unterminated);
    const lastComplete = complete[complete.length - 1];
    const cut = prev.records.find((e) => e.unterminated);
    const lastId = lastComplete?.lastEventId ?? '';
    evidence.previous = prev.view.conn.id;
    evidence.previousLastId = lastId;
    if (lastComplete) evidence.lastComplete = ref(lastComplete);
    const ids = [prev.view.conn.id, c.id];
    if (cut !== undefined && cut.lastEventId === sent && sent !== lastId) {
      evidence.cut = ref(cut);
      out.push(makeFinding({ ...base, severity: 'warning', connectionIds: ids, evidence,
        message: `${label(c)} resumed with Last-Event-ID ${quoteId(sent)}, the id of an event the previous stream cut off before its end; the last complete event had ${lastId === '' ? 'no id' : `id ${quoteId(lastId)}`}. A server that resumes after ${quoteId(sent)} never sends that event again.` }));
    } else if (sent === lastId) {
      out.push(makeFinding({ ...base, severity: 'info', connectionIds: ids, evidence,
        message: `${label(c)} resumed with Last-Event-ID ${quoteId(sent)}, the id of the last complete event of the previous stream.` }));
    } else {
      out.push(makeFinding({ ...base, severity: 'warning', connectionIds: ids, evidence,
        message: `${label(c)} resumed with Last-Event-ID ${quoteId(sent)}, but the previous stream's last complete event had ${lastId === '' ? 'no id' : `id ${quoteId(lastId)}`}: events may be skipped or sent twice.` }));
    }
  }
  return out;
}

/** The latest stream of the same URL in the same page load that started before `s`. */
function previousOf(s: StreamView, all: readonly StreamView[]): StreamView | undefined {
  let best: StreamView | undefined;
  for (const o of all) {
    const c = o.view.conn;
    if (o === s || c.url !== s.view.conn.url || c.pageId !== s.view.conn.pageId || o.start >= s.start) continue;
    if (!best || o.start > best.start) best = o;
  }
  return best;
}
