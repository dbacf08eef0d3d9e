import { describe, expect, it } from 'vitest';
import type { ConnectionRow } from '../contracts/model';
import { CONNECTION_ROW_BYTES, ROW_OVERHEAD_BYTES, bytesByPage } from './page-bytes';

const conn = (id: string, pageId: string): ConnectionRow =>
  ({ id, pageId, tabId: 1, sourceId: 's', localId: 1, kind: 'websocket', url: 'ws://x/', origin: '', frameUrl: '', frameId: 0, createdAt: 0, state: 'open', lastSeq: 0, messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0, errors: 0, reconnects: 0 }) as ConnectionRow;

describe('bytesByPage', () => {
  it('adds chunk JSON and new connection rows to their page', () => {
    const chunks = [
      { connectionId: 'c1', firstSeq: 1, lastSeq: 2, json: 'x'.repeat(1000) },
      { connectionId: 'c2', firstSeq: 1, lastSeq: 1, json: 'y'.repeat(10) },
      { connectionId: 'c1', firstSeq: 3, lastSeq: 3, json: 'z'.repeat(5) },
    ];
    const out = bytesByPage([conn('c1', 'p1'), conn('c2', 'p2')], chunks, new Set(['c2']));
    expect(out.get('p1')).toBe(1000 + 5 + 2 * (2 + ROW_OVERHEAD_BYTES));
    expect(out.get('p2')).toBe(10 + 2 + ROW_OVERHEAD_BYTES + CONNECTION_ROW_BYTES + 'ws://x/'.length);
  });
  it('chunks of connections not in the commit are not counted (none exist: ingest writes the row with its events)', () => {
    expect(bytesByPage([], [{ connectionId: 'c9', firstSeq: 1, lastSeq: 1, json: '[]' }], new Set()).size).toBe(0);
  });
});
