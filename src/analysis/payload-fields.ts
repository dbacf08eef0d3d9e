// Per lineage: which JSON field carries a sequence number (WebSocket only; SSE has ids) and which
// a send timestamp, from the user's per-URL override or detected on a sample of the lineage's
// first JSON messages; then the values of those fields for every incoming message, parsed once.

import type { Lineage } from './context';
import { getPath, parseJsonPayload } from './json-fields';
import { detectSequenceField, sequenceValue } from './sequence-field';
import { FIELD_DETECT_SAMPLE } from './thresholds';
import { detectTimestampField, timestampValue, type TimestampSample, type TimestampUnit } from './timestamp-field';
import type { AnalysisOptions, DetectedField } from './types';
import { overrideFor } from './url-pattern';

export interface LineageFields {
  sequenceField?: DetectedField;
  timestampField?: DetectedField & { unit: TimestampUnit };
  /** Per connection id, aligned with its events: the sequence value or NaN. */
  seq: Map<string, Float64Array>;
  /** Per connection id, aligned with its events: the timestamp as epoch ms or NaN. */
  ts: Map<string, Float64Array>;
}

export function extractPayloadFields(lineage: Lineage, options: AnalysisOptions): LineageFields {
  const out: LineageFields = { seq: new Map(), ts: new Map() };
  const first = lineage.conns[0];
  if (!first) return out;
  const isWs = first.conn.kind === 'websocket';
  const seqOverride = isWs ? overrideFor(first.conn.url, options.sequenceFields) : null;
  const tsOverride = overrideFor(first.conn.url, options.timestampFields);

  let seqPath: string | undefined = seqOverride ?? undefined;
  let tsPath: string | undefined = tsOverride ?? undefined;
  let tsUnit: TimestampUnit | undefined;
  if (seqOverride !== undefined && seqOverride !== null) out.sequenceField = { path: seqOverride, source: 'option' };

  if (seqOverride === undefined || tsOverride === undefined) {
    const values: unknown[] = [];
    const stamped: TimestampSample[] = [];
    sample: for (const view of lineage.conns) {
      for (const ev of view.events) {
        if (ev.type !== 'message' || ev.direction === 'out') continue;
        const value = parseJsonPayload(ev);
        if (value === undefined) continue;
        values.push(value);
        stamped.push({ value, t: ev.t });
        if (values.length >= FIELD_DETECT_SAMPLE) break sample;
      }
    }
    if (seqOverride === undefined) {
      seqPath = detectSequenceField(values);
      if (seqPath !== undefined) out.sequenceField = { path: seqPath, source: 'detected' };
    }
    if (tsOverride === undefined) {
      const found = detectTimestampField(stamped);
      if (found) {
        tsPath = found.path;
        tsUnit = found.unit;
      }
    }
  }
  if (seqPath === undefined && tsPath === undefined) return out;

  for (const view of lineage.conns) {
    const seq = seqPath !== undefined ? new Float64Array(view.events.length).fill(Number.NaN) : undefined;
    const ts = tsPath !== undefined ? new Float64Array(view.events.length).fill(Number.NaN) : undefined;
    const events = view.events;
    for (let i = 0; i < events.length; i++) {
      const ev = events[i]!;
      if (ev.type !== 'message' || ev.direction === 'out') continue;
      const value = parseJsonPayload(ev);
      if (value === undefined) continue;
      if (seq) seq[i] = sequenceValue(getPath(value, seqPath!));
      if (ts) {
        const read = timestampValue(getPath(value, tsPath!));
        if (read) {
          ts[i] = read.ms;
          tsUnit ??= read.unit;
        }
      }
    }
    if (seq) out.seq.set(view.conn.id, seq);
    if (ts) out.ts.set(view.conn.id, ts);
  }
  if (tsPath !== undefined && tsUnit !== undefined) {
    out.timestampField = { path: tsPath, source: tsOverride !== undefined ? 'option' : 'detected', unit: tsUnit };
  }
  return out;
}
