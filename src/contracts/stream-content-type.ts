// Which Content-Types are streams recorded as `fetch-stream` connections, and how each is split:
// `text/event-stream` (SSE), the newline-delimited JSON types, and JSON text sequences. The MIME
// type's essence, case-insensitive, parameters allowed after it (RFC 9110 §8.3.1). Shared by the
// hook (which must call the captured RegExp exec, see src/hook/stream-type.ts) and the background.

import type { StreamFormat } from './protocol';

export const STREAM_CONTENT_TYPE = /^[\t ]*(?:(text\/event-stream)|(application\/(?:x-ndjson|ndjson|jsonl|x-jsonlines))|(application\/json-seq))[\t ]*(?:;|$)/i;

/** The format of an exec() match of STREAM_CONTENT_TYPE. */
export function formatOfMatch(m: RegExpExecArray): StreamFormat {
  return m[1] !== undefined ? 'sse' : m[2] !== undefined ? 'ndjson' : 'json-seq';
}
