import { describe, expect, it } from 'vitest';
import { LIMITS, PROTOCOL_VERSION, isBackgroundToPanel, isBackgroundToRelay, isBackgroundToViewer, isHookRecord, isRelayToBackground, isSubscribedMessage, serializationOf } from './protocol';

describe('isHookRecord', () => {
  const base = { c: 1, t: 1 };
  it('accepts each record kind in its documented shape', () => {
    expect(isHookRecord({ ...base, k: 'create', kind: 'websocket', url: 'ws://h/', frameUrl: 'http://h/', protocols: ['a'] })).toBe(true);
    expect(isHookRecord({ ...base, k: 'open', protocol: 'p', extensions: '' })).toBe(true);
    expect(isHookRecord({ ...base, k: 'message', dir: 'in', data: 'x' })).toBe(true);
    expect(isHookRecord({ ...base, k: 'message', dir: 'out', data: 'AA==', binary: true, size: 1, bufferedAmount: 0 })).toBe(true);
    expect(isHookRecord({ ...base, k: 'error', readyState: 0 })).toBe(true);
    expect(isHookRecord({ ...base, k: 'close', code: 1000, reason: '', wasClean: true })).toBe(true);
    expect(isHookRecord({ ...base, k: 'close-call' })).toBe(true);
    expect(isHookRecord({ ...base, k: 'listen', eventType: 'tick' })).toBe(true);
  });
  it('rejects forged or oversized records', () => {
    expect(isHookRecord(null)).toBe(false);
    expect(isHookRecord({ ...base, k: 'message', dir: 'up', data: 'x' })).toBe(false);
    expect(isHookRecord({ ...base, k: 'message', dir: 'in', data: 'AA==', binary: true })).toBe(false); // binary needs a size
    expect(isHookRecord({ ...base, k: 'message', dir: 'in', data: 'x'.repeat(LIMITS.payloadCapBytes * 2) })).toBe(false);
    expect(isHookRecord({ ...base, k: 'create', kind: 'ftp', url: 'x', frameUrl: 'y' })).toBe(false);
    expect(isHookRecord({ ...base, k: 'create', kind: 'websocket', url: 'x'.repeat(LIMITS.maxUrlChars + 1), frameUrl: 'y' })).toBe(false);
    expect(isHookRecord({ k: 'open', c: -1, t: 1 })).toBe(false);
    // `api` names the page API of a streamed response only: never on another kind, never another value.
    const stream = { ...base, k: 'create', kind: 'fetch-stream', url: 'http://h/s', frameUrl: 'http://h/' };
    expect(isHookRecord({ ...stream, api: 'xhr' })).toBe(true);
    expect(isHookRecord({ ...stream, api: 'fetch' })).toBe(false);
    expect(isHookRecord({ ...stream, kind: 'eventsource', api: 'xhr' })).toBe(false);
    expect(isHookRecord({ ...stream, kind: 'websocket', api: 'websocketstream' })).toBe(true);
    expect(isHookRecord({ ...stream, api: 'websocketstream' })).toBe(false);
    expect(isHookRecord({ k: 'open', c: 1, t: Number.NaN })).toBe(false);
    expect(isHookRecord({ ...base, k: 'close', code: 1000.5, reason: '', wasClean: true })).toBe(false);
  });
});

describe('message checks', () => {
  it('relay to background: version and shape', () => {
    expect(isRelayToBackground({ v: PROTOCOL_VERSION, type: 'batch', sourceId: 's', batchNo: 1, payload: '[]' })).toBe(true);
    expect(isRelayToBackground({ v: PROTOCOL_VERSION + 1, type: 'batch', sourceId: 's', batchNo: 1, payload: '[]' })).toBe(false);
    expect(isRelayToBackground({ v: PROTOCOL_VERSION, type: 'batch', sourceId: 's', batchNo: 0, payload: '[]' })).toBe(false);
    expect(isRelayToBackground({ v: PROTOCOL_VERSION, type: 'hello', sourceId: 's', frameUrl: 'u', isTop: true, timeOrigin: 1 })).toBe(true);
  });
  it('background to relay and panel', () => {
    expect(isBackgroundToRelay({ type: 'ack', upTo: 3 })).toBe(true);
    expect(isBackgroundToRelay({ type: 'ack', upTo: '3' })).toBe(false);
    expect(isBackgroundToPanel({ type: 'update', tabId: 1, pages: [], connections: [{ id: 'c' }], events: [{ seq: 1 }] })).toBe(true);
    expect(isBackgroundToPanel({ type: 'update', tabId: 1, pages: [], connections: [{}], events: [] })).toBe(false);
    expect(isSubscribedMessage({ type: 'subscribed', tabId: 1 })).toBe(true);
    expect(isSubscribedMessage({ type: 'subscribed', tabId: '1' })).toBe(false);
    expect(isBackgroundToRelay({ type: 'welcome', serialization: 'json' })).toBe(true);
    expect(isBackgroundToRelay({ type: 'welcome', serialization: 'binary' })).toBe(false);
  });
  it('tells the serialization from the hello probe', () => {
    const hello = { v: PROTOCOL_VERSION, type: 'hello', sourceId: 's', frameUrl: 'u', isTop: true, timeOrigin: 1 } as const;
    expect(serializationOf({ ...hello, probe: new ArrayBuffer(0) })).toBe('structured-clone');
    expect(serializationOf({ ...hello, probe: {} })).toBe('json'); // what JSON makes of an ArrayBuffer
    expect(serializationOf(hello)).toBe('json');
  });
  it('viewer replies are checked, not cast', () => {
    expect(isBackgroundToViewer({ type: 'import-done', tabId: -1, connections: 2, events: 10 })).toBe(true);
    expect(isBackgroundToViewer({ type: 'import-done', tabId: -1 })).toBe(false);
    expect(isBackgroundToViewer({ type: 'import-failed', message: 'bad' })).toBe(true);
    expect(isBackgroundToViewer({ type: 'import-stored' })).toBe(true);
    expect(isBackgroundToViewer({ type: 'other' })).toBe(false);
  });
});
