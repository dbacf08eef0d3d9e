import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, openInspectorDb, type Db } from '../store/db';
import type { EventRow } from '../contracts/model';
import type { UpdateMessage } from '../contracts/protocol';
import { createPanelController, PRESERVE_LOG_KEY } from './controller';
import { selectedLastSeq } from './store';
import type { PanelPort } from './live-port';
import { connRow, pageRow, TEST_TAB } from './test-fixtures';

/** The background's end of the panel port. */
class FakePort implements PanelPort {
  private msg: ((m: unknown) => void)[] = [];
  onMessage = { addListener: (cb: (m: unknown) => void) => void this.msg.push(cb) };
  onDisconnect = { addListener: () => {} };
  /** Answers `subscribe` like the background does. */
  postMessage(m: unknown) {
    if ((m as { type?: string }).type === 'subscribe') queueMicrotask(() => this.deliver({ type: 'subscribed', tabId: TEST_TAB }));
  }
  disconnect() {}
  deliver(m: unknown) {
    for (const cb of this.msg) cb(m);
  }
}

const ev = (seq: number): EventRow => ({ connectionId: 'a', seq, t: 1000 + seq, type: 'message', direction: 'in', data: `m${seq}`, size: 2 });
const update = (from: number, to: number): UpdateMessage => {
  const events: EventRow[] = [];
  for (let s = from; s <= to; s++) events.push(ev(s));
  return { type: 'update', tabId: TEST_TAB, pages: [], connections: [connRow('a', { lastSeq: to, messagesIn: to })], events };
};
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};

let db: Db | undefined;
afterEach(async () => {
  db?.close();
  await deleteDB(DB_NAME);
});

async function setup() {
  db = await openInspectorDb();
  await db.put('pages', pageRow('p1', 10));
  await db.put('connections', connRow('a', { lastSeq: 0 }));
  const port = new FakePort();
  const store = new Map<string, string>([[PRESERVE_LOG_KEY, 'true']]);
  const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
  const c = createPanelController({ tabId: TEST_TAB, db, connect: () => port, storage, now: () => 5000 });
  await until(() => c.state.value.loaded);
  return { c, port, store };
}

describe('createPanelController view options', () => {
  it('pause holds live updates and counts them; resume applies them in order', async () => {
    const { c, port } = await setup();
    c.select('a');
    port.deliver(update(1, 2));
    expect(selectedLastSeq(c.state.value)).toBe(2);

    c.setPaused(true);
    port.deliver(update(3, 5));
    port.deliver(update(6, 6));
    expect(c.state.value.pause).toMatchObject({ paused: true, newEvents: 4 });
    expect(selectedLastSeq(c.state.value)).toBe(2); // the list's length is frozen
    expect(c.state.value.connections[0]!.messagesIn).toBe(2);

    c.setPaused(false);
    expect(c.state.value.pause).toMatchObject({ paused: false, newEvents: 0 });
    expect(selectedLastSeq(c.state.value)).toBe(6);
    expect(c.state.value.connections[0]!.messagesIn).toBe(6);
    c.close();
  });

  it('remembers preserve log, clears at the current time, and picks a history page', async () => {
    const { c, store } = await setup();
    expect(c.state.value.view.preserveLog).toBe(true); // read from storage
    c.setPreserveLog(false);
    expect(store.get(PRESERVE_LOG_KEY)).toBe('false');
    c.showHistory('p1');
    expect(c.state.value.view.historyPageId).toBe('p1');
    c.clearView();
    expect(c.state.value.view).toMatchObject({ clearedAt: 5000, historyPageId: null });
    c.close();
  });
});
