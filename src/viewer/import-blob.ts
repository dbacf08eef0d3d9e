// Imports a file (or any Blob) into the background. NDJSON is streamed: the file is read in
// chunks, checked line by line and sent in batches, so memory stays bounded whatever its size
// (src/formats/ndjson-stream.ts). A session log or HAR is one JSON document and is read
// whole (docs/viewer.md: large sessions should be exported as NDJSON).

import { importMessages } from '../formats/import-messages';
import { looksLikeNdjson } from '../formats/ndjson-reader';
import { ndjsonImportMessages, streamChunks, textLines } from '../formats/ndjson-stream';
import { readImportFile } from '../formats/read-import-file';
import { sendImport, type ImportResult } from './send-import';

/** Enough of the file to hold the NDJSON header line. */
const SNIFF_BYTES = 64 * 1024;

export type ImportProgress = (sentEvents: number, totalEvents: number | null) => void;

export async function importBlob(blob: Blob, fileName: string, onProgress: ImportProgress = () => undefined): Promise<ImportResult> {
  if (looksLikeNdjson(await blob.slice(0, SNIFF_BYTES).text())) return importNdjsonStream(blob.stream(), fileName, onProgress);
  const parsed = readImportFile(await blob.text());
  const total = parsed.log.events.length;
  return sendImport(importMessages(parsed, fileName), (sent) => onProgress(sent, total));
}

/** An NDJSON byte stream (a file's, or a fetch response body) imported as it arrives. */
export function importNdjsonStream(bytes: ReadableStream<BufferSource>, fileName: string, onProgress: ImportProgress = () => undefined): Promise<ImportResult> {
  const text = bytes.pipeThrough(new TextDecoderStream());
  return sendImport(ndjsonImportMessages(textLines(streamChunks(text)), fileName), (sent) => onProgress(sent, null));
}
