// Turns the raw chunks of a streamed fetch body (hook `message` records: base64 of the bytes one
// read returned) into stored events: one `chunk` event per read, with its arrival time, and one
// `message` event per SSE event or NDJSON record it completed (src/analysis/streams/). At the
// body's end, what was pending becomes an `unterminated` message, then the `close` event says who
// ended it. The decoder and parser of each live stream are held in memory: after a background
// restart in mid-stream, parsing starts again from the next chunk (its raw chunks stay complete).

import type { ConnectionRow, EventRow } from '../contracts/model';
import type { MessageRecord, StreamEndRecord } from '../contracts/protocol';
import { createUtf8Counter } from '../contracts/utf8';
import { createNdjsonSplitter } from '../analysis/streams/ndjson-splitter';
import { createSseParser } from '../analysis/streams/sse-parser';
import { applyRecord, nextEvent } from './connection-rows';

const utf8Size = createUtf8Counter();

interface Item {
  kind: string;
  text?: string;
  type?: string;
  data?: string;
  lastEventId?: string;
  ms?: number;
  partialLine?: string;
}

interface Splitter {
  decoder: TextDecoder;
  push(text: string): Item[];
  end(): Item[];
}

function bytesOf(base64: string): Uint8Array {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export class StreamRows {
  private readonly live = new Map<string, Splitter>();

  /** The events one record of a fetch-stream connection adds (possibly none). */
  apply(conn: ConnectionRow, rec: MessageRecord | StreamEndRecord): EventRow[] {
    const out: EventRow[] = [];
    if (rec.k === 'stream-end') {
      const s = this.live.get(conn.id);
      this.live.delete(conn.id);
      if (s) this.items(conn, rec.t, [...s.push(s.decoder.decode()), ...s.end()], out);
      const end = applyRecord(conn, rec);
      if (end) out.push(end);
      return out;
    }
    if (conn.streamEnd !== undefined) return out; // a forged chunk after the end
    const s = this.splitter(conn);
    // The page's bytes, decoded as a stream (a UTF-8 sequence split between two reads is kept).
    const text = rec.data === undefined ? '' : s.decoder.decode(rec.binary ? bytesOf(rec.data) : new TextEncoder().encode(rec.data), { stream: true });
    const size = rec.size ?? utf8Size(rec.data ?? '');
    conn.chunks = (conn.chunks ?? 0) + 1;
    conn.bytesIn += size;
    const chunk = nextEvent(conn, rec.t, 'chunk', size);
    chunk.direction = 'in';
    chunk.data = text;
    if (rec.truncated) chunk.truncated = true;
    out.push(chunk);
    this.items(conn, rec.t, s.push(text), out);
    return out;
  }

  /** A failed write: relays resend from the last commit, so no parser may keep what it saw since. */
  clear(): void {
    this.live.clear();
  }

  private splitter(conn: ConnectionRow): Splitter {
    let s = this.live.get(conn.id);
    if (!s) {
      // BOM kept: the SSE parser applies the spec's BOM rule itself.
      const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
      const p = conn.streamFormat === 'sse' ? createSseParser() : createNdjsonSplitter(conn.streamFormat === 'json-seq' ? 'json-seq' : 'lines');
      s = { decoder, push: (t) => p.push(t), end: () => p.end() };
      this.live.set(conn.id, s);
    }
    return s;
  }

  private items(conn: ConnectionRow, t: number, items: Item[], out: EventRow[]): void {
    for (const it of items) {
      if (it.kind === 'retry') {
        conn.sseRetryMs = it.ms;
        continue;
      }
      if (it.kind === 'comment') continue; // kept in the raw chunk
      const data = it.kind === 'line' || (it.kind === 'unterminated' && it.text !== undefined) ? it.text! : joinTail(it);
      const size = utf8Size(data);
      const ev = nextEvent(conn, t, 'message', size);
      ev.direction = 'in';
      if (it.type !== undefined) ev.eventType = it.type;
      if (it.lastEventId !== undefined) ev.lastEventId = it.lastEventId;
      ev.data = data;
      if (it.kind === 'unterminated') ev.unterminated = true;
      conn.messagesIn++;
      out.push(ev);
    }
  }
}

/** An SSE event cut off: its complete data lines, then the line that never ended (uninterpreted). */
function joinTail(it: Item): string {
  const data = it.data ?? '';
  const partial = it.partialLine ?? '';
  return partial === '' ? data : data === '' ? partial : `${data}\n${partial}`;
}
