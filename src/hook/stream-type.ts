// Which fetch responses are streams we record, from the Content-Type header alone (decided when
// the page first reads `response.body`, before any byte is copied): `text/event-stream`, and the
// newline-delimited JSON types. Everything else is never looked at again.

import type { StreamFormat } from '../contracts/protocol';
import { regExpExec } from './intrinsics';

/** The MIME type's essence, case-insensitive, parameters allowed after it (RFC 9110 §8.3.1). */
const STREAM_TYPE = /^[\t ]*(?:(text\/event-stream)|(application\/(?:x-ndjson|ndjson|jsonl|x-jsonlines))|(application\/json-seq))[\t ]*(?:;|$)/i;

export function streamFormatOf(contentType: string | null): StreamFormat | undefined {
  if (contentType === null) return undefined;
  const m = regExpExec(STREAM_TYPE, contentType);
  if (m === null) return undefined;
  return m[1] !== undefined ? 'sse' : m[2] !== undefined ? 'ndjson' : 'json-seq';
}
