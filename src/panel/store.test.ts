import { describe, expect, it } from 'vitest';
import type { ConnectionRow, EventRow, PageRow } from '../shared/model';
import type { AnalysisMessage, UpdateMessage } from '../shared/protocol';
import { MAX_VIEW_EVENTS, applyUpdate, hasOlder, initialState, type PanelInput, type PanelState } from './store';

const TAB = 7;

function conn(id: string, over: Partial<ConnectionRow> = {}): ConnectionRow {
  return {
    id,
    pageId: 'p1',
    tabId: TAB,
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

function ev(connectionId: string, seq: number): EventRow {
  return { connectionId, seq, t: 1000 + seq, type: 'message', direction: 'in', data: `m${seq}`, size: 2 };
}

function evs(connectionId: string, from: number, to: number): EventRow[] {
  const out: EventRow[] = [];
  for (let s = from; s <= to; s++) out.push(ev(connectionId, s));
  return out;
}

function page(id: string, startedAt: number, tabId = TAB): PageRow {
  return { id, tabId, url: `http://127.0.0.1/${id}`, startedAt };
}

function update(over: Partial<UpdateMessage>): UpdateMessage {
  return { type: 'update', tabId: TAB, pages: [], connections: [], events: [], ...over };
}

function run(...inputs: PanelInput[]): PanelState {
  return inputs.reduce(applyUpdate, initialState(TAB));
}

/** Selects `id` and lands its tail read. */
function selected(id: string, tail: EventRow[]): PanelInput[] {
  return [{ type: 'select', connectionId: id }, { type: 'events-tail', connectionId: id, events: tail }];
}

const seqs = (s: PanelState) => s.events.map((e) => e.seq);

describe('applyUpdate: connections and pages', () => {
  it('merges connection rows by id, keeping creation order', () => {
    const s = run(
      update({ connections: [conn('b', { createdAt: 200 }), conn('a', { createdAt: 100 })] }),
      update({ connections: [conn('a', { createdAt: 100, state: 'closed', lastSeq: 3, close: { code: 1000, reason: 'bye', wasClean: true } })] }),
    );
    expect(s.connections.map((c) => c.id)).toEqual(['a', 'b']);
    expect(s.connections[0]).toMatchObject({ state: 'closed', close: { code: 1000, reason: 'bye' } });
  });

  it('does not let an older row (a snapshot racing a live update) replace a newer one', () => {
    const s = run(
      update({ connections: [conn('a', { lastSeq: 5, messagesIn: 5 })] }),
      { type: 'snapshot', tabId: TAB, pages: [], connections: [conn('a', { lastSeq: 2, messagesIn: 2 })] },
    );
    expect(s.connections[0]!.messagesIn).toBe(5);
    expect(s.loaded).toBe(true);
  });

  it('ignores updates and snapshots of other tabs, and foreign rows inside our own update', () => {
    const s = run(
      update({ tabId: TAB + 1, connections: [conn('x', { tabId: TAB + 1 })], events: [ev('x', 1)] }),
      { type: 'snapshot', tabId: TAB + 1, pages: [page('q', 1, TAB + 1)], connections: [conn('y', { tabId: TAB + 1 })] },
      update({ connections: [conn('z', { tabId: TAB + 1 })], pages: [page('r', 1, TAB + 1)] }),
    );
    expect(s).toEqual(initialState(TAB));
  });

  it('keeps the page list sorted by start and updated by id', () => {
    const s = run(
      update({ pages: [page('p2', 20)] }),
      { type: 'snapshot', tabId: TAB, pages: [page('p1', 10), page('p2', 20)], connections: [] },
      update({ pages: [{ ...page('p2', 20), url: 'http://127.0.0.1/renamed' }] }),
    );
    expect(s.pages.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(s.pages[1]!.url).toBe('http://127.0.0.1/renamed');
  });
});

describe('applyUpdate: events of the selected connection', () => {
  it('keeps events only for the selected connection', () => {
    const s = run(...selected('a', evs('a', 1, 3)), update({ events: [ev('b', 1), ev('a', 4), ev('b', 2)] }));
    expect(seqs(s)).toEqual([1, 2, 3, 4]);
    expect(s.events.every((e) => e.connectionId === 'a')).toBe(true);
  });

  it('appends contiguous events, in seq order even when an update lists them out of order', () => {
    const s = run(...selected('a', evs('a', 1, 2)), update({ events: [ev('a', 4), ev('a', 3)] }), update({ events: [ev('a', 5)] }));
    expect(seqs(s)).toEqual([1, 2, 3, 4, 5]);
    expect(s.needsReload).toBe(false);
  });

  it('drops duplicates (a re-read overlapping a live update)', () => {
    const s = run(...selected('a', evs('a', 1, 3)), update({ events: evs('a', 2, 4) }));
    expect(seqs(s)).toEqual([1, 2, 3, 4]);
  });

  it('on a hole keeps the contiguous part, asks for a reload, and never shows the hole', () => {
    const s = run(...selected('a', evs('a', 1, 2)), update({ events: [ev('a', 3), ev('a', 5)] }));
    expect(seqs(s)).toEqual([1, 2, 3]);
    expect(s.needsReload).toBe(true);
    expect(s.loading).toBe(true);
    // The re-read lands with everything: the list is complete again.
    const after = applyUpdate(s, { type: 'events-tail', connectionId: 'a', events: evs('a', 1, 5) });
    expect(seqs(after)).toEqual([1, 2, 3, 4, 5]);
    expect(after.needsReload).toBe(false);
    expect(after.loading).toBe(false);
  });

  it('merges events that arrived while the tail was being read (whether or not the read saw them)', () => {
    const base: PanelInput[] = [{ type: 'select', connectionId: 'a' }, update({ events: [ev('a', 4), ev('a', 5)] })];
    const sawThem = run(...base, { type: 'events-tail', connectionId: 'a', events: evs('a', 1, 5) });
    const missedThem = run(...base, { type: 'events-tail', connectionId: 'a', events: evs('a', 1, 3) });
    expect(seqs(sawThem)).toEqual([1, 2, 3, 4, 5]);
    expect(seqs(missedThem)).toEqual([1, 2, 3, 4, 5]);
    expect(missedThem.pending).toEqual([]);
  });

  it('a pending event that does not continue the read asks for another read instead of showing a hole', () => {
    const s = run({ type: 'select', connectionId: 'a' }, update({ events: [ev('a', 9)] }), { type: 'events-tail', connectionId: 'a', events: evs('a', 1, 3) });
    expect(seqs(s)).toEqual([1, 2, 3]);
    expect(s.needsReload).toBe(true);
  });

  it('ignores a late read of a connection that is no longer selected', () => {
    const s = run({ type: 'select', connectionId: 'a' }, { type: 'select', connectionId: 'b' }, { type: 'events-tail', connectionId: 'a', events: evs('a', 1, 3) });
    expect(s.events).toEqual([]);
    expect(s.loading).toBe(true);
  });

  it('selecting clears the previous connection’s events', () => {
    const s = run(...selected('a', evs('a', 1, 3)), { type: 'select', connectionId: 'b' });
    expect(s.events).toEqual([]);
    expect(s.selectedId).toBe('b');
  });

  it('prepends older events only when they end right before the first shown one', () => {
    const shown = run(...selected('a', evs('a', 501, 600)));
    expect(hasOlder(shown)).toBe(true);
    const older = applyUpdate(shown, { type: 'events-older', connectionId: 'a', events: evs('a', 1, 500) });
    expect(seqs(older)).toEqual(evs('a', 1, 600).map((e) => e.seq));
    expect(hasOlder(older)).toBe(false);
    const gap = applyUpdate(shown, { type: 'events-older', connectionId: 'a', events: evs('a', 1, 499) });
    expect(gap).toBe(shown);
  });

  it('keeps at most MAX_VIEW_EVENTS, dropping the oldest (still re-readable)', () => {
    const s = run(...selected('a', evs('a', 1, MAX_VIEW_EVENTS)), update({ events: evs('a', MAX_VIEW_EVENTS + 1, MAX_VIEW_EVENTS + 10) }));
    expect(s.events).toHaveLength(MAX_VIEW_EVENTS);
    expect(s.events.at(-1)!.seq).toBe(MAX_VIEW_EVENTS + 10);
    expect(hasOlder(s)).toBe(true);
  });

  it('after a port reconnect re-reads the tail but keeps showing what it has', () => {
    const s = run(...selected('a', evs('a', 1, 3)), { type: 'port', status: 'reconnecting' }, { type: 'resync' }, { type: 'port', status: 'live' });
    expect(s.loading).toBe(true);
    expect(seqs(s)).toEqual([1, 2, 3]);
    const after = applyUpdate(s, { type: 'events-tail', connectionId: 'a', events: evs('a', 1, 8) });
    expect(seqs(after)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(after.port).toBe('live');
    expect(after.portReconnects).toBe(1);
  });

  it('counts reconnects, not the first connect', () => {
    const s = run({ type: 'port', status: 'live' }, { type: 'port', status: 'live' }, { type: 'port', status: 'reconnecting' }, { type: 'port', status: 'live' });
    expect(s.portReconnects).toBe(1);
  });
});

describe('analysis', () => {
  const finding = (id: string, connectionIds: string[], evidence: Record<string, unknown> = {}) => ({
    id,
    kind: 'abnormal-close',
    severity: 'error' as const,
    t: 5,
    connectionIds,
    message: `${id}.`,
    evidence,
  });
  const analysis = (over: Partial<AnalysisMessage> = {}): AnalysisMessage => ({ type: 'analysis', tabId: TAB, findings: [], lineages: [], stats: [], ...over });

  it('replaces the previous analysis, keeps lineages by connection, and ignores other tabs', () => {
    const first = analysis({
      findings: [finding('f1', ['a'])],
      lineages: [{ connectionId: 'b', lineageId: 'a', attempt: 2 }],
      stats: [{ connectionId: 'a', rates: [{ t: 1000, messagesIn: 3, messagesOut: 1, bytesIn: 30, bytesOut: 5 }] }],
      skipped: 'too big',
    });
    const s1 = run(first);
    expect(s1.analysis?.stats.a?.rates[0]?.messagesIn).toBe(3);
    expect(s1.analysis).toEqual({ findings: first.findings, lineages: { b: { lineageId: 'a', attempt: 2 } }, stats: { a: first.stats[0] }, skipped: 'too big' });
    const s2 = run(first, analysis({ findings: [finding('f2', ['b'])] }));
    expect(s2.analysis?.findings.map((f) => f.id)).toEqual(['f2']);
    expect(s2.analysis?.lineages).toEqual({});
    expect(s2.analysis?.stats).toEqual({});
    expect(s2.analysis?.skipped).toBeUndefined();
    expect(run(first, analysis({ tabId: TAB + 1 }))).toEqual(s1);
    expect(run().analysis).toBeNull();
  });

  it('selecting a finding selects its first connection and focuses the first event its evidence names there', () => {
    const f = finding('f1', ['b', 'a'], { previous: { connectionId: 'a', seq: 3 }, close: { connectionId: 'b', seq: 7 } });
    const s = run({ type: 'snapshot', tabId: TAB, pages: [], connections: [conn('a'), conn('b')] }, analysis({ findings: [f] }), { type: 'select-finding', findingId: 'f1' });
    expect(s.selectedId).toBe('b');
    expect(s.loading).toBe(true);
    expect(s.selectedFindingId).toBe('f1');
    expect(s.focus).toEqual({ connectionId: 'b', seq: 7 });
    // The tail read lands: the focus stays; a plain selection clears it.
    const loaded = applyUpdate(s, { type: 'events-tail', connectionId: 'b', events: evs('b', 1, 9) });
    expect(loaded.focus).toEqual({ connectionId: 'b', seq: 7 });
    const other = applyUpdate(loaded, { type: 'select', connectionId: 'a' });
    expect([other.selectedFindingId, other.focus]).toEqual([null, null]);
    // Clicking the selected connection again also clears the finding, but keeps the events.
    const same = applyUpdate(loaded, { type: 'select', connectionId: 'b' });
    expect([same.selectedFindingId, same.focus, seqs(same).length]).toEqual([null, null, 9]);
  });

  it('a finding without event refs just selects; an unknown finding changes nothing', () => {
    const s = run(analysis({ findings: [finding('f1', ['a'])] }), { type: 'select-finding', findingId: 'f1' });
    expect([s.selectedId, s.focus]).toEqual(['a', null]);
    const before = run(analysis({ findings: [finding('f1', ['a'])] }));
    expect(applyUpdate(before, { type: 'select-finding', findingId: 'nope' })).toBe(before);
  });
});
