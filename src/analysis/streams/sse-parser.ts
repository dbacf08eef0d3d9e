// An incremental parser of `text/event-stream`, exactly as the HTML spec's EventSource parses it
// (§9.2.6 "Parsing an event stream"), fed decoded text chunk by chunk as it arrived.
//
// The spec's rules, and where each is: one leading U+FEFF is dropped (`bom`); lines end with CRLF,
// LF or CR, and a CR that ends one chunk may pair with an LF that starts the next (`afterCr`);
// a blank line dispatches; a line starting with ':' is a comment; `field:value` drops one space
// after the colon, a line without a colon is a field with an empty value; `data` appends value +
// LF, `event` sets the type, `id` sets the last event ID buffer unless the value holds a NUL,
// `retry` is taken only when it is all ASCII digits; unknown fields are ignored. On dispatch the
// last event ID string takes the buffer's value (even when no event follows), an empty data
// buffer dispatches nothing, one trailing LF is removed, and the type defaults to "message".
// At the end of the stream the spec discards an event without its blank line: here it is
// returned by `end()` as an unterminated tail, so a stream cut off mid-event is not hidden.
//
// The caller decodes bytes as UTF-8 with the BOM kept (TextDecoder `ignoreBOM: true`), so the
// BOM rule is applied here, once, where it is tested.

import { scanLines, type LineScanner } from './line-scanner';

export interface SseEvent {
  kind: 'event';
  /** The event's type: the `event` field, or "message". */
  type: string;
  data: string;
  /** The last event ID string at dispatch (it persists across events, as MessageEvent.lastEventId does). */
  lastEventId: string;
}

export interface SseComment {
  kind: 'comment';
  /** The text after the ':' (keep-alives are usually comments). */
  text: string;
}

export interface SseRetry {
  kind: 'retry';
  ms: number;
}

/** What was pending when the stream ended: an event the spec would drop, and/or a line without its end. */
export interface SseUnterminated {
  kind: 'unterminated';
  /** The data buffer as it stood (fields already complete), trailing LF removed. */
  data: string;
  type: string;
  lastEventId: string;
  /** A last line that never got its line end (not interpreted), or "". */
  partialLine: string;
}

export type SseItem = SseEvent | SseComment | SseRetry | SseUnterminated;

export interface SseParser {
  /** Parses the next decoded chunk; returns the items it completed, in order. */
  push(text: string): SseItem[];
  /** The stream ended: returns the unterminated tail, if anything was pending. */
  end(): SseItem[];
}

const DIGITS = /^[0-9]+$/;

export function createSseParser(): SseParser {
  let data = '';
  let hasData = false;
  let type = '';
  let idBuffer = '';
  let lastEventId = '';
  let fieldsSeen = false;
  const lines: LineScanner = scanLines({ stripBom: true, crEndsLine: true });

  function line(s: string, out: SseItem[]): void {
    if (s === '') {
      dispatch(out);
      return;
    }
    const colon = s.indexOf(':');
    if (colon === 0) {
      out.push({ kind: 'comment', text: s.slice(1) });
      return;
    }
    let field = s;
    let value = '';
    if (colon > 0) {
      field = s.slice(0, colon);
      value = s.slice(s.charCodeAt(colon + 1) === 0x20 ? colon + 2 : colon + 1);
    }
    switch (field) {
      case 'event':
        type = value;
        fieldsSeen = true;
        break;
      case 'data':
        data += value + '\n';
        hasData = true;
        fieldsSeen = true;
        break;
      case 'id':
        if (!value.includes('\u0000')) idBuffer = value;
        fieldsSeen = true;
        break;
      case 'retry':
        if (DIGITS.test(value)) out.push({ kind: 'retry', ms: Number(value) });
        break;
      default:
        // Unknown fields are ignored (spec), and so is a field name with a BOM left in it.
        break;
    }
  }

  function dispatch(out: SseItem[]): void {
    lastEventId = idBuffer;
    fieldsSeen = false;
    if (!hasData) {
      type = '';
      return;
    }
    out.push({ kind: 'event', type: type === '' ? 'message' : type, data: data.slice(0, -1), lastEventId });
    data = '';
    hasData = false;
    type = '';
  }

  return {
    push(text) {
      const out: SseItem[] = [];
      lines.push(text, (s) => line(s, out));
      return out;
    },
    end() {
      const partialLine = lines.end();
      if (!fieldsSeen && partialLine === '') return [];
      return [{ kind: 'unterminated', data: hasData ? data.slice(0, -1) : '', type: type === '' ? 'message' : type, lastEventId: idBuffer, partialLine }];
    },
  };
}
