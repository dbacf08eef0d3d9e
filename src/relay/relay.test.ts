import { describe, expect, it } from 'vitest';
import { HANDSHAKE_EVENT, PORT_BATCH_EVENT, PORT_CAP_EVENT, PORT_FAULT_EVENT, PORT_FLUSH_EVENT, type RelayToBackground } from '../contracts/protocol';
import { startRelay, type RelayPort } from './relay';

class FakePort implements RelayPort {
  sent: RelayToBackground[] = [];
  private onMsg: Array<(m: unknown) => void> = [];
  private onDisc: Array<() => void> = [];
  onMessage = { addListener: (fn: (m: unknown) => void) => void this.onMsg.push(fn) };
  onDisconnect = { addListener: (fn: () => void) => void this.onDisc.push(fn) };
  postMessage(m: RelayToBackground) {
    this.sent.push(m);
  }
  deliver(m: unknown) {
    for (const fn of this.onMsg) fn(m);
  }
  disconnect() {
    for (const fn of this.onDisc) fn();
  }
}

/** What hook/handshake.ts dispatches: a cancelable event on the window with the port in `ports`. */
function offerPort(win: EventTarget, port: EventTarget): boolean {
  const offer = new Event(HANDSHAKE_EVENT, { cancelable: true });
  Object.defineProperty(offer, 'ports', { value: [port] });
  return !win.dispatchEvent(offer);
}

function setup() {
  const win = new EventTarget();
  /** The hook's private port (a MessagePort in the browser: any EventTarget here). */
  const channel = new EventTarget();
  const ports: FakePort[] = [];
  const timers: Array<() => void> = [];
  const relay = startRelay({
    window: win,
    connect: () => {
      const p = new FakePort();
      ports.push(p);
      return p;
    },
    sourceId: 'src-1',
    frameUrl: () => 'http://127.0.0.1/',
    isTop: true,
    timeOrigin: 1,
    setTimeout: (fn) => timers.push(fn),
  });
  const accepted = offerPort(win, channel);
  const send = (payload: string) => channel.dispatchEvent(new CustomEvent(PORT_BATCH_EVENT, { detail: payload }));
  return { win, channel, ports, timers, relay, send, accepted };
}

const batches = (p: FakePort) => p.sent.filter((m) => m.type === 'batch').map((m) => (m as { batchNo: number }).batchNo);

describe('relay', () => {
  it('connects lazily, says hello first, numbers batches and forgets them when acknowledged', () => {
    const { ports, relay, send } = setup();
    expect(ports).toHaveLength(0);
    send('[1]');
    send('[2]');
    expect(ports).toHaveLength(1);
    expect(ports[0]!.sent[0]!.type).toBe('hello');
    expect(batches(ports[0]!)).toEqual([1, 2]);
    ports[0]!.deliver({ type: 'ack', upTo: 1 });
    expect(relay.unacked()).toBe(1);
  });

  it('probes the serialization in its hello and keeps what the background answered', () => {
    const { ports, relay, send } = setup();
    send('[1]');
    const hello = ports[0]!.sent[0] as { probe?: unknown };
    expect(hello.probe).toBeInstanceOf(ArrayBuffer);
    expect(relay.serialization()).toBeNull();
    ports[0]!.deliver({ type: 'welcome', serialization: 'structured-clone' });
    expect(relay.serialization()).toBe('structured-clone');
    ports[0]!.deliver({ type: 'welcome', serialization: 'xml' }); // not ours: ignored
    expect(relay.serialization()).toBe('structured-clone');
  });

  it("passes the user's payload cap from the welcome on to the hook, and nothing that is not a cap", () => {
    const { ports, channel, send } = setup();
    const caps: unknown[] = [];
    channel.addEventListener(PORT_CAP_EVENT, (e) => caps.push((e as CustomEvent).detail));
    send('[1]');
    ports[0]!.deliver({ type: 'welcome', serialization: 'structured-clone', payloadCapBytes: 4096 });
    ports[0]!.deliver({ type: 'welcome', serialization: 'structured-clone' }); // an older background: no cap
    ports[0]!.deliver({ type: 'welcome', serialization: 'structured-clone', payloadCapBytes: 1.5 }); // invalid: ignored
    expect(caps).toEqual([4096]);
  });

  it('replays every unacknowledged batch, in order, after the background went away', () => {
    const { ports, timers, send } = setup();
    send('[1]');
    send('[2]');
    ports[0]!.deliver({ type: 'ack', upTo: 1 });
    ports[0]!.disconnect();
    // Run the timers queued so far (the reconnect); the resend check re-arms itself forever.
    for (const fn of timers.splice(0)) fn();
    expect(ports).toHaveLength(2);
    expect(ports[1]!.sent[0]!.type).toBe('hello');
    expect(batches(ports[1]!)).toEqual([2]);
    send('[3]');
    expect(batches(ports[1]!)).toEqual([2, 3]);
  });

  it('asks the hook to flush and answers after the flushed batch', () => {
    const { channel, ports, send } = setup();
    send('[0]');
    channel.addEventListener(PORT_FLUSH_EVENT, () => send('[flushed]'));
    ports[0]!.deliver({ type: 'flush', flushId: 9 });
    const types = ports[0]!.sent.map((m) => m.type);
    expect(types.slice(-2)).toEqual(['batch', 'flushed']);
  });

  it('ignores channel events that are not strings or too large', () => {
    const { channel, ports } = setup();
    channel.dispatchEvent(new CustomEvent(PORT_BATCH_EVENT, { detail: { forged: true } }));
    channel.dispatchEvent(new CustomEvent(PORT_BATCH_EVENT, { detail: 'x'.repeat(9 * 1024 * 1024) }));
    expect(ports).toHaveLength(0);
  });

  it('takes the first port offered, once: a second offer (a page script, a second hook) is refused and heard by nobody', () => {
    const { win, ports, accepted } = setup();
    expect(accepted).toBe(true);
    const forged = new EventTarget();
    expect(offerPort(win, forged)).toBe(false);
    forged.dispatchEvent(new CustomEvent(PORT_BATCH_EVENT, { detail: '[1]' }));
    expect(ports).toHaveLength(0);
  });

  it('stops listening at its first task when no hook came, and never reads batches from the window', () => {
    const win = new EventTarget();
    const timers: Array<() => void> = [];
    const ports: FakePort[] = [];
    startRelay({
      window: win,
      connect: () => {
        const p = new FakePort();
        ports.push(p);
        return p;
      },
      sourceId: 's',
      frameUrl: () => 'http://127.0.0.1/',
      isTop: false,
      timeOrigin: 1,
      setTimeout: (fn) => timers.push(fn),
    });
    for (const fn of timers.splice(0)) fn();
    const late = new EventTarget();
    expect(offerPort(win, late)).toBe(false);
    late.dispatchEvent(new CustomEvent(PORT_BATCH_EVENT, { detail: '[1]' }));
    win.dispatchEvent(new CustomEvent(PORT_BATCH_EVENT, { detail: '[1]' }));
    expect(ports).toHaveLength(0);
  });

  it('answers a flush request at once when there is no hook', () => {
    const win = new EventTarget();
    const ports: FakePort[] = [];
    startRelay({
      window: win,
      connect: () => {
        const p = new FakePort();
        ports.push(p);
        return p;
      },
      sourceId: 's',
      frameUrl: () => 'http://127.0.0.1/',
      isTop: true,
      timeOrigin: 1,
      setTimeout: () => {},
      eager: true,
    });
    ports[0]!.deliver({ type: 'flush', flushId: 4 });
    expect(ports[0]!.sent.map((m) => m.type)).toEqual(['hello', 'flushed']);
  });

  it('hands a fault command to the hook on the private port, as it came, and nothing else', () => {
    const { channel, ports, send } = setup();
    const seen: unknown[] = [];
    channel.addEventListener(PORT_FAULT_EVENT, (e) => seen.push((e as CustomEvent<unknown>).detail));
    send('[1]');
    ports[0]!.deliver({ type: 'fault', command: '[1,"f1",3,"drop","",0,0,"","",0]' });
    ports[0]!.deliver({ type: 'fault', command: 42 });
    expect(seen).toEqual(['[1,"f1",3,"drop","",0,0,"","",0]']);
  });
});
