// Splits a newline-delimited JSON stream into its records as chunks arrive: NDJSON / JSON Lines
// (`application/x-ndjson`, `application/jsonl`: one JSON text per LF-ended line, CRLF allowed,
// blank lines skipped) and JSON text sequences (`application/json-seq`, RFC 7464: each record
// starts with RS, U+001E, and ends with LF). Records are not parsed here: a line that is not
// valid JSON is still a record, and the panel shows it as text. A last record without its end is
// returned by `end()` as an unterminated tail, so a stream cut off mid-record is not hidden.

import { scanLines } from './line-scanner';

export type NdjsonFraming = 'lines' | 'json-seq';

export interface NdjsonItem {
  kind: 'line' | 'unterminated';
  text: string;
}

export interface NdjsonSplitter {
  push(text: string): NdjsonItem[];
  end(): NdjsonItem[];
}

const RS = '\u001e';

/** Which framing a content type uses, or undefined when it is not a newline-delimited JSON type. */
export function ndjsonFramingOf(essence: string): NdjsonFraming | undefined {
  if (essence === 'application/x-ndjson' || essence === 'application/jsonl' || essence === 'application/ndjson' || essence === 'application/x-jsonlines') return 'lines';
  if (essence === 'application/json-seq') return 'json-seq';
  return undefined;
}

export function createNdjsonSplitter(framing: NdjsonFraming = 'lines'): NdjsonSplitter {
  return framing === 'json-seq' ? jsonSeq() : lines();
}

function lines(): NdjsonSplitter {
  const scanner = scanLines();
  return {
    push(text) {
      const out: NdjsonItem[] = [];
      scanner.push(text, (s) => {
        if (s.trim() !== '') out.push({ kind: 'line', text: s });
      });
      return out;
    },
    end() {
      const rest = scanner.end();
      return rest.trim() === '' ? [] : [{ kind: 'unterminated', text: rest }];
    },
  };
}

function jsonSeq(): NdjsonSplitter {
  let pending = '';
  // Text before the first RS is not a record (RFC 7464 §2.1: parsers skip it); kept as such.
  const record = (s: string, out: NdjsonItem[]) => {
    if (s.trim() !== '') out.push({ kind: s.endsWith('\n') ? 'line' : 'unterminated', text: s.replace(/\s+$/, '') });
  };
  return {
    push(text) {
      const out: NdjsonItem[] = [];
      let i = 0;
      for (;;) {
        const rs = text.indexOf(RS, i);
        if (rs < 0) break;
        record(pending + text.slice(i, rs), out);
        pending = '';
        i = rs + 1;
      }
      pending += text.slice(i);
      return out;
    },
    end() {
      const out: NdjsonItem[] = [];
      record(pending, out);
      pending = '';
      return out;
    },
  };
}
