// A parsed file as the messages the viewer sends the background (pure): begin, rows in batches
// that stay under IMPORT_BATCH_MAX_CHARS, commit. Pages and connections go first, then events
// in file order (each connection's seq 1 … n).

import { IMPORT_BATCH_MAX_CHARS, type ImportBeginMessage, type ImportRowsMessage, type ViewerToBackground } from '../contracts/protocol';
import type { ImportedFile } from './read-import-file';

export function* importMessages(file: ImportedFile, fileName: string, maxChars = IMPORT_BATCH_MAX_CHARS): Generator<ViewerToBackground> {
  const { log } = file;
  const meta: ImportBeginMessage['meta'] = { producer: log.producer, exportedAt: log.exportedAt };
  if (log.sanitized) meta.sanitized = log.sanitized;
  yield { type: 'import-begin', fileName, format: file.format, meta };
  const lastSeq = new Map<string, number>();
  for (const e of log.events) lastSeq.set(e.connectionId, e.seq);
  const first: ImportRowsMessage = {
    type: 'import-rows',
    pages: log.pages,
    connections: log.connections.map((connection) => ({ connection, lastSeq: lastSeq.get(connection.id) ?? 0 })),
    events: [],
  };
  let batch = first;
  let chars = 0;
  for (const e of log.events) {
    const size = 200 + (e.data?.length ?? 0);
    if (batch.events.length > 0 && chars + size > maxChars) {
      yield batch;
      batch = { type: 'import-rows', pages: [], connections: [], events: [] };
      chars = 0;
    }
    batch.events.push(e);
    chars += size;
  }
  yield batch;
  yield { type: 'import-commit' };
}
