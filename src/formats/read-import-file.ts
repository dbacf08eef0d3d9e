// One entry for the viewer: whatever file the user dropped, the session it holds, or an
// ImportError that says why not. Pure (text in, session out).

import type { ImportRow } from '../contracts/model';
import type { SessionLog } from '../contracts/session-log-format';
import { isHar, readHar } from './har-reader';
import { ImportError, notOurs } from './import-error';
import { parseJsonText } from './json-text';
import { looksLikeNdjson, readNdjson } from './ndjson-reader';
import { readSessionLog } from './session-log-reader';

export interface ImportedFile {
  format: ImportRow['format'];
  log: SessionLog;
}

export function readImportFile(text: string): ImportedFile {
  const start = text.trimStart();
  if (start === '') throw notOurs('the file is empty');
  if (!start.startsWith('{')) throw notOurs('it is not JSON, HAR or NDJSON');
  if (looksLikeNdjson(start)) return { format: 'ndjson', log: readNdjson(start) };
  const doc = parseJsonText(text);
  if (isHar(doc)) return { format: 'har', log: readHar(doc) };
  return { format: 'session-log', log: readSessionLog(doc) };
}

export { ImportError };
