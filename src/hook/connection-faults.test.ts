import { describe, expect, it, vi } from 'vitest';
import type { FaultRecord, HookRecord } from '../contracts/protocol';
import { createConnectionFaults } from './connection-faults';
import type { HookContext } from './context';
import type { FaultCommand } from './fault-command';
import { captureDataNatives } from './natives';

class FakeCloseEvent extends Event {
  code: number;
  wasClean: boolean;
  reason: string;
  constructor(type: string, init: { code: number; wasClean: boolean; reason: string }) {
    super(type);
    this.code = init.code;
    this.wasClean = init.wasClean;
    this.reason = init.reason;
  }
}

/** A socket as an EventTarget: our listeners first (as websocket.ts adds them), then the page's. */
function setup(kind: 'websocket' | 'eventsource' = 'websocket') {
  vi.useFakeTimers();
  const records: HookRecord[] = [];
  const ws = new EventTarget() as unknown as WebSocket;
  let state = 1;
  const sent: unknown[] = [];
  const n = {
    ...captureDataNatives(globalThis),
    NativeMessageEvent: MessageEvent,
    NativeEvent: Event,
    NativeCloseEvent: FakeCloseEvent,
    stopImmediatePropagation: (e: Event) => e.stopImmediatePropagation(),
    dispatchEvent: (t: EventTarget, e: Event) => t.dispatchEvent(e),
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    messageData: (e: MessageEvent) => e.data,
    messageOrigin: (e: MessageEvent) => e.origin,
    messageLastEventId: (e: MessageEvent) => e.lastEventId,
    eventType: (e: Event) => e.type,
  };
  let t = 0;
  const ctx = { n, now: () => ++t, emit: (_c: unknown, r: HookRecord) => records.push(r) } as unknown as HookContext;
  const closed: string[] = [];
  const f = createConnectionFaults({
    ctx,
    kind,
    ws,
    conn: { c: 1, queue: null },
    readyState: () => state,
    nativeClose: () => {
      state = 2;
      closed.push('native');
    },
    nativeSend: (_w, d) => sent.push(d),
    recordOut: (d) => records.push({ k: 'message', c: 1, t: 0, dir: 'out', data: String(d) }),
    closedByFault: () => closed.push('recorded'),
  });
  (ws as unknown as EventTarget).addEventListener('message', (e) => f.message(e as MessageEvent));
  (ws as unknown as EventTarget).addEventListener('close', (e) => f.close(e));
  const page: Array<[string, unknown, boolean]> = [];
  for (const type of ['message', 'error', 'close']) {
    (ws as unknown as EventTarget).addEventListener(type, (e) => page.push([type, type === 'message' ? (e as MessageEvent).data : type === 'close' ? (e as FakeCloseEvent).code : null, e.isTrusted]));
  }
  const cmd = (c: Partial<FaultCommand> & Pick<FaultCommand, 'kind'>): void =>
    f.command({ id: 'f1', c: 1, mode: '', count: 0, delayMs: 0, match: '', data: '', outageMs: 0, ...c });
  const deliver = (data: string) => (ws as unknown as EventTarget).dispatchEvent(new MessageEvent('message', { data, origin: 'ws://h' }));
  const marks = () => records.filter((r): r is FaultRecord => r.k === 'fault').map((r) => r.what);
  return { f, ws, page, cmd, deliver, marks, records, sent, closed, setState: (s: number) => (state = s) };
}

describe('faults on one connection (hook)', () => {
  it('drops the next N messages (matching a filter) before any page listener sees them', () => {
    const s = setup();
    s.cmd({ kind: 'messages', mode: 'drop', count: 2, match: 'tick' });
    for (const d of ['tick 1', 'other', 'tick 2', 'tick 3']) s.deliver(d);
    expect(s.page.map((p) => p[1])).toEqual(['other', 'tick 3']);
    expect(s.marks()).toEqual(['armed', 'suppressed', 'suppressed', 'ended']);
  });

  it('delays, duplicates and reorders with copies (not trusted events)', () => {
    const d = setup();
    d.cmd({ kind: 'messages', mode: 'delay', count: 1, delayMs: 500 });
    d.deliver('a');
    d.deliver('b');
    expect(d.page.map((p) => p[1])).toEqual(['b']);
    vi.advanceTimersByTime(500);
    expect(d.page.map((p) => p[1])).toEqual(['b', 'a']);

    const u = setup();
    u.cmd({ kind: 'messages', mode: 'duplicate', count: 1 });
    u.deliver('a');
    vi.advanceTimersByTime(0);
    expect(u.page.map((p) => p[1])).toEqual(['a', 'a']);

    const r = setup();
    r.cmd({ kind: 'messages', mode: 'reorder', count: 1 });
    r.deliver('a');
    r.deliver('b');
    vi.advanceTimersByTime(0);
    r.deliver('c');
    expect(r.page.map((p) => p[1])).toEqual(['b', 'a', 'c']);
    expect(r.marks()).toEqual(['armed', 'reordered', 'ended', 'shown-message']);
  });

  it('a drop closes natively, hides the real close, and shows error then close 1006', () => {
    const s = setup();
    s.cmd({ kind: 'drop', outageMs: 3000 });
    expect(s.closed).toEqual(['native']);
    (s.ws as unknown as EventTarget).dispatchEvent(new FakeCloseEvent('close', { code: 1005, wasClean: true, reason: '' }));
    expect(s.page).toEqual([
      ['error', null, false],
      ['close', 1006, false],
    ]);
    expect(s.marks()).toEqual(['armed', 'shown-error', 'shown-close', 'ended']);
    expect((s.records[0] as FaultRecord).outageMs).toBe(3000);
  });

  it('refuses to drop a socket that is not open', () => {
    const s = setup();
    s.setState(0);
    s.cmd({ kind: 'drop' });
    expect(s.closed).toEqual([]);
    expect(s.marks()).toEqual(['failed']);
  });

  it('EventSource: a drop is a failed connection (error, CLOSED), recorded as closed by the fault', () => {
    const s = setup('eventsource');
    s.cmd({ kind: 'drop' });
    expect(s.closed).toEqual(['native', 'recorded']);
    expect(s.page).toEqual([['error', null, false]]);
    expect(s.marks()).toEqual(['armed', 'shown-error', 'ended']);
  });

  it('holds sends, then releases them through the native send, recorded as real sends', () => {
    const s = setup();
    s.cmd({ kind: 'hold-sends' });
    const buf = new Uint8Array([1, 2, 3]);
    expect(s.f.hold(['one'])).toBe(true);
    expect(s.f.hold([buf])).toBe(true);
    buf[0] = 9; // the page reuses its buffer: the held copy keeps what was sent
    expect(s.sent).toEqual([]);
    s.cmd({ kind: 'release-sends' });
    expect(s.sent[0]).toBe('one');
    expect([...(s.sent[1] as Uint8Array)]).toEqual([1, 2, 3]);
    expect(s.f.hold(['after'])).toBe(false);
    expect(s.marks()).toEqual(['armed', 'held', 'held', 'released']);
  });

  it('injects as if from the server and sends as if the page did', () => {
    const s = setup();
    s.cmd({ kind: 'inject', data: '{"x":1}' });
    s.cmd({ kind: 'send', data: 'ping' });
    expect(s.page).toEqual([['message', '{"x":1}', false]]);
    expect(s.sent).toEqual(['ping']);
    expect(s.records.map((r) => r.k)).toEqual(['fault', 'message', 'fault']);
  });
});
