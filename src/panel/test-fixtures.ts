// Rows for the panel's unit tests (imported by *.test.ts only, never by the panel).

import type { ConnectionRow, PageRow } from '../contracts/model';

export const TEST_TAB = 7;

export function connRow(id: string, over: Partial<ConnectionRow> = {}): ConnectionRow {
  return {
    id,
    pageId: 'p1',
    tabId: TEST_TAB,
    sourceId: 's1',
    localId: 1,
    kind: 'websocket',
    url: `ws://127.0.0.1/${id}`,
    origin: 'http://127.0.0.1',
    frameUrl: 'http://127.0.0.1/',
    frameId: 0,
    createdAt: 100,
    state: 'open',
    lastSeq: 0,
    messagesIn: 0,
    messagesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
    errors: 0,
    reconnects: 0,
    ...over,
  };
}

export function pageRow(id: string, startedAt: number): PageRow {
  return { id, tabId: TEST_TAB, url: `http://127.0.0.1/${id}`, startedAt };
}
