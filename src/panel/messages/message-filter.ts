// The message list's filter: what the user typed (text or /regex/flags) plus direction, kind,
// SSE event name and "hide heartbeats". Pure: parsed and matched the same way on the UI thread
// (highlights, live events) and in the filter worker (scans of stored chunks).

import type { EventRow } from '../../contracts/model';
import { eventPreview } from '../ui/format';
import { ConnectionDecoder, type ConnectionDecode, type ConnectionInfo } from '../../protocols/connection-decoder';
import { frameOfEvent } from '../../protocols/event-frame';
import { HeartbeatDetector } from './heartbeat';
import { protocolLabel, type ProtocolLabel } from './protocol-label';

export type DirectionFilter = 'all' | 'out' | 'in';
export type KindFilter = 'all' | 'messages' | 'lifecycle';

/** Plain data (structured-clonable): sent to the worker as is. */
export interface FilterSpec {
  text: string;
  direction: DirectionFilter;
  kind: KindFilter;
  /** SSE event name; '' = any. */
  eventName: string;
  hideHeartbeats: boolean;
  /** Protocol message type (EVENT, PUBLISH, next…), case-insensitive; '' = any. */
  messageType: string;
  /** Part of the protocol name (event, topic, operation, destination), case-insensitive; '' = any. */
  messageName: string;
  /** The connection, for its protocol decoder (set by the view when it starts a scan). */
  channel?: ConnectionInfo;
  /** A labelling scan: every frame's protocol label is reported, no seqs (the list's Type and Name columns). */
  annotate?: boolean;
  /** A detail scan: decode up to this seq and report that frame's full decoding (the detail pane). */
  detailSeq?: number;
}

export const NO_FILTER: FilterSpec = { text: '', direction: 'all', kind: 'all', eventName: '', hideHeartbeats: false, messageType: '', messageName: '' };

export type Query =
  | { kind: 'none' }
  | { kind: 'text'; needle: string }
  | { kind: 'regex'; source: string; flags: string }
  | { kind: 'invalid'; error: string };

/** `/re/flags` is a regular expression; anything else a case-insensitive substring. */
export function parseQuery(text: string): Query {
  if (text === '') return { kind: 'none' };
  const m = /^\/(.+)\/([a-z]*)$/s.exec(text);
  if (!m) return { kind: 'text', needle: text.toLowerCase() };
  const [, source, flags] = m as unknown as [string, string, string];
  // g and y make RegExp.test stateful (lastIndex): matching must not depend on the previous row.
  const clean = [...new Set(flags.replace(/[gy]/g, ''))].join('');
  try {
    new RegExp(source, clean);
  } catch (error) {
    return { kind: 'invalid', error: error instanceof Error ? error.message : String(error) };
  }
  return { kind: 'regex', source, flags: clean };
}

/** Whether the spec hides anything (no filter: row i is seq i + 1, no scan needed). */
export function isFiltering(spec: FilterSpec): boolean {
  const q = parseQuery(spec.text);
  return (q.kind !== 'none' && q.kind !== 'invalid') || spec.direction !== 'all' || spec.kind !== 'all' || spec.eventName !== '' || spec.hideHeartbeats || byProtocol(spec);
}

/** The text a query searches: the payload of text messages, the shown line of everything else. */
export function searchableText(e: EventRow): string {
  if ((e.type === 'message' || e.type === 'chunk') && !e.binary && e.data !== undefined) return e.data;
  return eventPreview(e);
}

export interface Matcher {
  /** Call in seq order (heartbeat detection learns rhythms as it goes). */
  matches(e: EventRow): boolean;
  /** Heartbeats hidden so far. */
  hiddenHeartbeats: number;
  /** Labels of frames seen since the last drain (annotate specs only). */
  labels: ProtocolLabel[];
  /** The protocol the connection is decoded as, so far ('' = unknown). */
  protocol: string;
  /** Detail scans: the asked frame as decoded, once reached. */
  detail?: ConnectionDecode | null;
  /** No protocol was found in the first frames, for good: a labelling scan can stop. */
  unknownProtocol(): boolean;
}

const byProtocol = (spec: FilterSpec): boolean => (spec.messageType ?? '') !== '' || (spec.messageName ?? '') !== '';

export function createMatcher(spec: FilterSpec): Matcher {
  const query = parseQuery(spec.text);
  const test = queryTester(query);
  const heartbeats = spec.hideHeartbeats ? new HeartbeatDetector() : null;
  // One decoder per scan, fed every message in seq order (stream protocols need them all).
  const decoder = spec.channel && (spec.hideHeartbeats || byProtocol(spec) || spec.annotate || spec.detailSeq !== undefined) ? new ConnectionDecoder(spec.channel) : null;
  const protocolTest = byProtocol(spec) ? protocolTester(spec) : null;
  const matcher: Matcher = {
    hiddenHeartbeats: 0,
    labels: [],
    protocol: decoder?.current?.id ?? '',
    unknownProtocol: () => decoder?.unknownForGood ?? true,
    matches(e) {
      const frame = decoder ? frameOfEvent(e) : null;
      const decoded = frame && decoder ? decoder.push(frame) : null;
      if (decoded) matcher.protocol = decoded.detection?.id ?? '';
      if (e.seq === spec.detailSeq) matcher.detail = decoded;
      if (spec.annotate && spec.detailSeq === undefined) {
        const label = protocolLabel(e.seq, decoded);
        if (label) matcher.labels.push(label);
      }
      // Fed to the detector before any other test, so its rhythms see every message.
      if (heartbeats?.isHeartbeat(e, decoded)) {
        matcher.hiddenHeartbeats++;
        return false;
      }
      if (protocolTest && !protocolTest(decoded)) return false;
      if (spec.direction !== 'all' && e.direction !== spec.direction) return false;
      if (spec.kind === 'messages' && e.type !== 'message') return false;
      // A fetch stream's raw chunks are neither its messages nor its lifecycle: shown with "all".
      if (spec.kind === 'lifecycle' && (e.type === 'message' || e.type === 'chunk')) return false;
      if (spec.eventName !== '' && e.eventType !== spec.eventName) return false;
      return test(searchableText(e));
    },
  };
  return matcher;
}

/** Matches a frame one of whose messages (or the piece it holds) has the type and name asked for. */
function protocolTester(spec: FilterSpec): (d: ConnectionDecode | null) => boolean {
  const type = (spec.messageType ?? '').toLowerCase();
  const name = (spec.messageName ?? '').toLowerCase();
  return (d) => {
    const parts = [...(d?.decode?.messages ?? []), ...(d?.decode?.partial ? [d.decode.partial] : [])];
    return parts.some((m) => (type === '' || m.type.toLowerCase() === type) && (name === '' || (m.name ?? '').toLowerCase().includes(name)));
  };
}

function queryTester(q: Query): (text: string) => boolean {
  switch (q.kind) {
    case 'none':
    case 'invalid': // an invalid regex filters nothing (the box shows the error)
      return () => true;
    case 'text':
      return (t) => t.toLowerCase().includes(q.needle);
    case 'regex': {
      const re = new RegExp(q.source, q.flags);
      return (t) => re.test(t);
    }
  }
}

/** [start, end) ranges of the query's matches in `text` (for highlighting a preview). */
export function matchRanges(text: string, q: Query, max = 50): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (q.kind === 'text') {
    const hay = text.toLowerCase();
    for (let i = hay.indexOf(q.needle); i >= 0 && out.length < max; i = hay.indexOf(q.needle, i + q.needle.length)) out.push([i, i + q.needle.length]);
  } else if (q.kind === 'regex') {
    const re = new RegExp(q.source, `${q.flags}g`);
    for (let m = re.exec(text); m && out.length < max; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++; // an empty match (/x*/) would loop forever; it has nothing to highlight
        continue;
      }
      out.push([m.index, m.index + m[0].length]);
    }
  }
  return out;
}

/** Splits text into plain and matched parts, in order (rendered as text nodes and <mark>s). */
export function splitByRanges(text: string, ranges: ReadonlyArray<[number, number]>): Array<{ text: string; match: boolean }> {
  const parts: Array<{ text: string; match: boolean }> = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) parts.push({ text: text.slice(at, s), match: false });
    parts.push({ text: text.slice(s, e), match: true });
    at = e;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
}
