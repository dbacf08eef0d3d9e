// Streams an NDJSON export into import messages, so a file of a million events is imported in
// bounded memory: text chunks (File.stream() through a TextDecoderStream) are split into lines as
// they come, each line is checked by NdjsonRecordReader, and rows go out in batches of at most
// maxChars. Connections are announced before their events without a count (`lastSeq: null`): the
// background takes it from the events it receives. The `end` record is checked before
// `import-commit` is yielded; a file that is cut short throws (ImportError 'truncated') after the
// batches already sent, and the sender then drops the port, which makes the background delete them.

import { IMPORT_BATCH_MAX_CHARS, type ImportBeginMessage, type ImportRowsMessage, type ViewerToBackground } from '../contracts/protocol';
import type { NdjsonEnd } from '../contracts/ndjson-format';
import { NdjsonRecordReader } from './ndjson-records';

/** A ReadableStream as an async iterable (not every browser we support iterates streams natively). */
export async function* streamChunks<T>(stream: ReadableStream<T>): AsyncGenerator<T> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stopped early (an invalid line): stop reading the file too.
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** Splits text chunks into lines ('\n' ends a line; a last line without one is yielded too). */
export async function* textLines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  // The pieces of a line that spans chunks; only new text is searched for '\n'.
  let pending: string[] = [];
  for await (const chunk of chunks) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      const piece = chunk.slice(start, nl);
      if (pending.length > 0) {
        pending.push(piece);
        yield pending.join('');
        pending = [];
      } else {
        yield piece;
      }
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(chunk.slice(start));
  }
  if (pending.length > 0) yield pending.join('');
}

const emptyBatch = (): ImportRowsMessage => ({ type: 'import-rows', pages: [], connections: [], events: [] });

export async function* ndjsonImportMessages(lines: AsyncIterable<string>, fileName: string, maxChars = IMPORT_BATCH_MAX_CHARS): AsyncGenerator<ViewerToBackground, NdjsonEnd> {
  const reader = new NdjsonRecordReader();
  let batch = emptyBatch();
  let chars = 0;
  for await (const line of lines) {
    const r = reader.line(line);
    if (r === null) {
      const head = reader.head!;
      const meta: ImportBeginMessage['meta'] = { producer: head.producer, exportedAt: head.exportedAt };
      if (head.sanitized) meta.sanitized = head.sanitized;
      yield { type: 'import-begin', fileName, format: 'ndjson', meta };
      continue;
    }
    // Findings in the file are not imported: the background computes them from the events.
    if (r.record === 'finding' || r.record === 'end') continue;
    if (chars > 0 && chars + line.length > maxChars) {
      yield batch;
      batch = emptyBatch();
      chars = 0;
    }
    if (r.record === 'page') batch.pages.push(r.row);
    else if (r.record === 'connection') batch.connections.push({ connection: r.row, lastSeq: null });
    else batch.events.push(r.row);
    chars += line.length;
  }
  const end = reader.finish();
  if (chars > 0) yield batch;
  yield { type: 'import-commit' };
  return end;
}
