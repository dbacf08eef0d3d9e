import { describe, expect, it } from 'vitest';
import { CHANNEL_EVENT, FLUSH_EVENT, type RelayToBackground } from '../contracts/protocol';
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

function setup() {
  const channel = new EventTarget();
  const ports: FakePort[] = [];
  const timers: Array<() => void> = [];
  const relay = startRelay({
    channel,
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
  const send = (payload: string) => channel.dispatchEvent(new CustomEvent(CHANNEL_EVENT, { detail: payload }));
  return { channel, ports, timers, relay, send };
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
    channel.addEventListener(FLUSH_EVENT, () => send('[flushed]'));
    ports[0]!.deliver({ type: 'flush', flushId: 9 });
    const types = ports[0]!.sent.map((m) => m.type);
    expect(types.slice(-2)).toEqual(['batch', 'flushed']);
  });

  it('ignores channel events that are not strings or too large', () => {
    const { channel, ports } = setup();
    channel.dispatchEvent(new CustomEvent(CHANNEL_EVENT, { detail: { forged: true } }));
    channel.dispatchEvent(new CustomEvent(CHANNEL_EVENT, { detail: 'x'.repeat(9 * 1024 * 1024) }));
    expect(ports).toHaveLength(0);
  });
});
