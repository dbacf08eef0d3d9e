import { describe, expect, it } from 'vitest';
import { PANEL_PORT } from '../contracts/protocol';
import { SUBSCRIBE_TIMEOUT_MS, openLivePort, type PanelPort } from './live-port';

class FakePort implements PanelPort {
  posted: unknown[] = [];
  disconnected = false;
  private msg: ((m: unknown) => void)[] = [];
  private drop: (() => void)[] = [];
  onMessage = { addListener: (cb: (m: unknown) => void) => void this.msg.push(cb) };
  onDisconnect = { addListener: (cb: () => void) => void this.drop.push(cb) };
  postMessage(m: unknown) {
    this.posted.push(m);
  }
  disconnect() {
    this.disconnected = true;
  }
  /** The other side (background) sends / goes away. */
  deliver(m: unknown) {
    for (const cb of this.msg) cb(m);
  }
  die() {
    for (const cb of this.drop) cb();
  }
}

function harness() {
  const ports: FakePort[] = [];
  const log: string[] = [];
  const timers: { cb: () => void; ms: number }[] = [];
  /** Subscribe-answer deadlines, apart from the reconnect timers. */
  const deadlines: (() => void)[] = [];
  let clock = 0;
  const live = openLivePort({
    tabId: 42,
    connect: (name) => {
      expect(name).toBe(PANEL_PORT);
      const p = new FakePort();
      ports.push(p);
      return p;
    },
    onConnect: () => log.push('connect'),
    onMessage: (m) => log.push(`msg:${JSON.stringify(m)}`),
    onDrop: () => log.push('drop'),
    setTimeout: (cb, ms) => (ms === SUBSCRIBE_TIMEOUT_MS ? deadlines.push(cb) : timers.push({ cb, ms })),
    now: () => clock,
  });
  const runTimer = () => timers.shift()!.cb();
  /** The background's answer to the newest port's subscribe. */
  const ack = (tabId = 42) => ports.at(-1)!.deliver({ type: 'subscribed', tabId });
  return { ports, log, timers, deadlines, live, runTimer, ack, advance: (ms: number) => (clock += ms) };
}

describe('openLivePort', () => {
  it('subscribes to its tab on connect, and tells the caller once the background confirmed', () => {
    const h = harness();
    expect(h.ports[0]!.posted).toEqual([{ type: 'subscribe', tabId: 42 }]);
    expect(h.log).toEqual([]); // reading IndexedDB now could miss a commit: wait for the answer
    h.ack(7); // another tab's answer is not ours
    expect(h.log).toEqual([]);
    h.ack();
    h.ack(); // a repeated answer does not re-read
    expect(h.log).toEqual(['connect']);
  });

  it('starts again when the background never answers the subscribe', () => {
    const h = harness();
    h.deadlines.shift()!();
    expect(h.ports[0]!.disconnected).toBe(true);
    expect(h.log).toEqual(['drop']);
    h.runTimer();
    expect(h.ports).toHaveLength(2);
    h.ack();
    expect(h.log).toEqual(['drop', 'connect']);
    h.deadlines.shift()!(); // answered in time: the deadline does nothing
    expect(h.ports[1]!.disconnected).toBe(false);
  });

  it('reconnects and re-subscribes when the port drops, telling the caller each time', () => {
    const h = harness();
    h.ack();
    h.ports[0]!.deliver({ n: 1 });
    h.ports[0]!.die();
    expect(h.log).toEqual(['connect', 'msg:{"n":1}', 'drop']);
    expect(h.timers).toHaveLength(1);
    h.runTimer();
    expect(h.ports).toHaveLength(2);
    expect(h.ports[1]!.posted).toEqual([{ type: 'subscribe', tabId: 42 }]);
    h.ack();
    expect(h.log.at(-1)).toBe('connect');
    // Messages of a dead port are not delivered any more.
    h.ports[0]!.deliver({ n: 2 });
    h.ports[1]!.deliver({ n: 3 });
    expect(h.log.at(-1)).toBe('msg:{"n":3}');
    expect(h.log.filter((l) => l.startsWith('msg'))).toHaveLength(2);
  });

  it('backs off while connects keep failing, and retries at once after a stable connection', () => {
    const h = harness();
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      h.ports.at(-1)!.die();
      delays.push(h.timers[0]!.ms);
      h.runTimer();
    }
    expect(delays).toEqual([100, 200, 400, 800]);
    h.advance(10_000);
    h.ports.at(-1)!.die();
    expect(h.timers[0]!.ms).toBe(50);
  });

  it('retries at once after a short-lived port the background had answered (an event page unloaded)', () => {
    const h = harness();
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      h.ack();
      h.ports.at(-1)!.die();
      delays.push(h.timers[0]!.ms);
      h.runTimer();
    }
    expect(delays).toEqual([50, 50, 50, 50]);
  });

  it('stops for good when closed', () => {
    const h = harness();
    h.live.close();
    expect(h.ports[0]!.disconnected).toBe(true);
    h.ports[0]!.die();
    expect(h.timers).toHaveLength(0);
  });

  it('stops when connect throws (extension reloaded: context invalidated)', () => {
    let calls = 0;
    openLivePort({
      tabId: 1,
      connect: () => {
        calls++;
        throw new Error('Extension context invalidated.');
      },
      onConnect: () => {},
      onMessage: () => {},
      onDrop: () => {},
      setTimeout: () => expect.unreachable('no retry'),
    });
    expect(calls).toBe(1);
  });
});
