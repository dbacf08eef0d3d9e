import { describe, expect, it } from 'vitest';
import { isViewerToBackground } from './protocol';

describe('isViewerToBackground', () => {
  const page = { id: 'p', tabId: 1, url: 'http://h/', startedAt: 1 };
  const connection = { id: 'c', pageId: 'p', kind: 'websocket', url: 'ws://h/', origin: 'ws://h', frameUrl: 'http://h/', createdAt: 1 };
  const event = { connectionId: 'c', seq: 1, t: 2, type: 'message', direction: 'in', data: 'x', size: 1 };

  it('accepts the documented messages', () => {
    expect(isViewerToBackground({ type: 'import-begin', fileName: 'a.json', format: 'har', meta: {} })).toBe(true);
    expect(isViewerToBackground({ type: 'import-rows', pages: [page], connections: [{ connection, lastSeq: 1 }], events: [event] })).toBe(true);
    // A streamed NDJSON file announces connections before it knows their event counts.
    expect(isViewerToBackground({ type: 'import-rows', pages: [page], connections: [{ connection, lastSeq: null }], events: [event] })).toBe(true);
    expect(isViewerToBackground({ type: 'import-commit' })).toBe(true);
    expect(isViewerToBackground({ type: 'import-delete', tabId: -3 })).toBe(true);
  });

  it('rejects malformed rows and deleting recorded tabs', () => {
    expect(isViewerToBackground({ type: 'import-begin', fileName: 'a.json', format: 'zip', meta: {} })).toBe(false);
    expect(isViewerToBackground({ type: 'import-rows', pages: [{ ...page, tabId: 'x' }], connections: [], events: [] })).toBe(false);
    expect(isViewerToBackground({ type: 'import-rows', pages: [], connections: [{ connection: { ...connection, kind: 'ftp' }, lastSeq: 0 }], events: [] })).toBe(false);
    expect(isViewerToBackground({ type: 'import-rows', pages: [], connections: [{ connection, lastSeq: -1 }], events: [] })).toBe(false);
    expect(isViewerToBackground({ type: 'import-rows', pages: [], connections: [{ connection }], events: [] })).toBe(false);
    expect(isViewerToBackground({ type: 'import-rows', pages: [], connections: [], events: [{ ...event, direction: undefined }] })).toBe(false);
    expect(isViewerToBackground({ type: 'import-rows', pages: [], connections: [], events: [{ ...event, seq: 0 }] })).toBe(false);
    expect(isViewerToBackground({ type: 'import-delete', tabId: 4 })).toBe(false);
    expect(isViewerToBackground({ type: 'subscribe', tabId: 1 })).toBe(false);
  });
});
