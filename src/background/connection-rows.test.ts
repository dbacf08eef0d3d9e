import { describe, expect, it } from 'vitest';
import { applyRecord, newConnectionRow, trustedFrameUrl } from './connection-rows';

describe('trustedFrameUrl', () => {
  it('keeps the URL the hook saw when the page moved within its origin (history.pushState)', () => {
    expect(trustedFrameUrl('http://127.0.0.1:8080/chat/room/2?x=1', 'http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/chat/room/2?x=1');
  });

  it('replaces a URL of another origin (a forged record) with the frame URL our relay saw', () => {
    expect(trustedFrameUrl('https://bank.example/account', 'http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/');
    expect(trustedFrameUrl('http://127.0.0.1:9999/', 'http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/');
  });

  it('accepts an opaque URL only when it is the frame URL itself', () => {
    expect(trustedFrameUrl('about:srcdoc', 'about:srcdoc')).toBe('about:srcdoc');
    expect(trustedFrameUrl('about:blank', 'about:srcdoc')).toBe('about:srcdoc');
    expect(trustedFrameUrl('data:text/html,x', 'about:blank')).toBe('about:blank');
    expect(trustedFrameUrl('not a url', 'http://a/')).toBe('http://a/');
  });

  it('is what a new connection row stores', () => {
    const ctx = { id: 'c1', pageId: 'p', tabId: 1, sourceId: 's', frameId: 0, sourceFrameUrl: 'http://a/' };
    const forged = newConnectionRow({ k: 'create', c: 1, t: 0, kind: 'websocket', url: 'ws://a/x', frameUrl: 'http://evil/' }, ctx);
    expect(forged.frameUrl).toBe('http://a/');
    const moved = newConnectionRow({ k: 'create', c: 2, t: 0, kind: 'websocket', url: 'ws://a/x', frameUrl: 'http://a/next' }, ctx);
    expect(moved.frameUrl).toBe('http://a/next');
  });
});

describe('SSE messages sent with only what changed', () => {
  const ctx = { id: 'c1', pageId: 'p', tabId: 1, sourceId: 's', frameId: 0, sourceFrameUrl: 'http://a/' };
  it('restores type, lastEventId and origin on every stored event, from the connection row', () => {
    const conn = newConnectionRow({ k: 'create', c: 1, t: 0, kind: 'eventsource', url: 'http://a/feed', frameUrl: 'http://a/' }, ctx);
    const msg = (t: number, extra: object) => applyRecord(conn, { k: 'message', c: 1, t, dir: 'in', data: `d${t}`, ...extra })!;
    const evs = [
      msg(1, { lastEventId: '', origin: 'http://a' }),
      msg(2, { lastEventId: '7' }),
      msg(3, {}),
      msg(4, { eventType: 'tick' }),
      msg(5, { lastEventId: '8', origin: 'http://b' }),
    ];
    expect(evs.map((e) => [e.eventType, e.lastEventId, e.origin])).toEqual([
      ['message', '', 'http://a'],
      ['message', '7', 'http://a'],
      ['message', '7', 'http://a'],
      ['tick', '7', 'http://a'],
      ['message', '8', 'http://b'],
    ]);
    // What a restarted background reads back with the row is enough to go on.
    const reread = structuredClone(conn);
    expect(applyRecord(reread, { k: 'message', c: 1, t: 6, dir: 'in', data: 'x' })).toMatchObject({ eventType: 'message', lastEventId: '8', origin: 'http://b' });
  });

  it('leaves WebSocket messages as they came', () => {
    const conn = newConnectionRow({ k: 'create', c: 2, t: 0, kind: 'websocket', url: 'ws://a/x', frameUrl: 'http://a/' }, ctx);
    const ev = applyRecord(conn, { k: 'message', c: 2, t: 1, dir: 'in', data: 'x' })!;
    expect(ev.eventType).toBeUndefined();
    expect(ev.origin).toBeUndefined();
  });
});

describe('fault records', () => {
  it('become fault events that point at the real message before them, never counted as traffic', () => {
    const ctx = { id: 'c1', pageId: 'p', tabId: 1, sourceId: 's', frameId: 0, sourceFrameUrl: 'http://a/' };
    const conn = newConnectionRow({ k: 'create', c: 1, t: 0, kind: 'websocket', url: 'ws://a/x', frameUrl: 'http://a/' }, ctx);
    applyRecord(conn, { k: 'open', c: 1, t: 1 });
    applyRecord(conn, { k: 'message', c: 1, t: 2, dir: 'in', data: '{"seq":1}' });
    const mark = applyRecord(conn, { k: 'fault', c: 1, t: 3, f: 'f1', what: 'suppressed' });
    expect(mark).toEqual({ connectionId: 'c1', seq: 3, t: 3, type: 'fault', size: 0, fault: { id: 'f1', what: 'suppressed', ref: 2 } });
    const injected = applyRecord(conn, { k: 'fault', c: 1, t: 4, f: 'f2', what: 'injected', action: 'inject', data: 'hé' });
    expect(injected).toMatchObject({ type: 'fault', size: 3, data: 'hé', fault: { id: 'f2', what: 'injected', action: 'inject' } });
    expect(injected!.fault!.ref).toBeUndefined();
    expect(conn.messagesIn).toBe(1);
    expect(conn.bytesIn).toBe(9);
  });
});
