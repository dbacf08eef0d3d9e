import { describe, expect, it } from 'vitest';
import type { EventRow, PageRow } from '../contracts/model';
import type { AnalysisMessage, UpdateMessage } from '../contracts/protocol';
import { applyUpdate, initialState, selectedLastSeq, type PanelInput, type PanelState } from './store';
import { connRow, TEST_TAB } from './test-fixtures';

const TAB = TEST_TAB;
const conn = connRow;

function ev(connectionId: string, seq: number): EventRow {
  return { connectionId, seq, t: 1000 + seq, type: 'message', direction: 'in', data: `m${seq}`, size: 2 };
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

describe('applyUpdate: the selected connection and the port', () => {
  it('the selection’s event count is its row’s lastSeq, growing with live updates; events stay out of the state', () => {
    const s = run(update({ connections: [conn('a', { lastSeq: 3 }), conn('b', { lastSeq: 9 })] }), { type: 'select', connectionId: 'a' });
    expect(selectedLastSeq(s)).toBe(3);
    const live = applyUpdate(s, update({ connections: [conn('a', { lastSeq: 5 })], events: [ev('a', 4), ev('a', 5)] }));
    expect(selectedLastSeq(live)).toBe(5);
    expect(Object.keys(live)).not.toContain('events');
    expect(selectedLastSeq(applyUpdate(live, { type: 'select', connectionId: null }))).toBe(0);
  });

  it('selecting another connection changes the selection; re-selecting the same one keeps the state', () => {
    const s = run(update({ connections: [conn('a'), conn('b')] }), { type: 'select', connectionId: 'a' });
    expect(applyUpdate(s, { type: 'select', connectionId: 'a' })).toBe(s);
    expect(applyUpdate(s, { type: 'select', connectionId: 'b' }).selectedId).toBe('b');
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

  it('focuses an event of a verdict’s evidence: its connection is selected', () => {
    const s = run({ type: 'focus-event', ref: { connectionId: 'b', seq: 4 } });
    expect(s.selectedId).toBe('b');
    expect(s.focus).toEqual({ connectionId: 'b', seq: 4 });
  });

  it('keeps the recovery verdicts of the latest analysis (docs/faults.md)', () => {
    const verdict = { faultId: 'f1', action: 'drop', connectionId: 'a', lineageId: 'a', t: 5, status: 'recovered' as const, defects: [], message: 'Recovered in 1.0 s.', evidence: {} };
    expect(run(analysis({ verdicts: [verdict] })).analysis?.verdicts).toEqual([verdict]);
    expect(run(analysis({ verdicts: [verdict] }), analysis()).analysis?.verdicts).toBeUndefined();
  });

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
    expect(s.selectedFindingId).toBe('f1');
    expect(s.focus).toEqual({ connectionId: 'b', seq: 7 });
    // Live updates keep the focus; a plain selection clears it.
    const live = applyUpdate(s, update({ connections: [conn('b', { lastSeq: 9 })] }));
    expect(live.focus).toEqual({ connectionId: 'b', seq: 7 });
    const other = applyUpdate(live, { type: 'select', connectionId: 'a' });
    expect([other.selectedFindingId, other.focus]).toEqual([null, null]);
    // Clicking the selected connection again also clears the finding, but keeps the selection.
    const same = applyUpdate(live, { type: 'select', connectionId: 'b' });
    expect([same.selectedFindingId, same.focus, same.selectedId]).toEqual([null, null, 'b']);
  });

  it('a finding without event refs just selects; an unknown finding changes nothing', () => {
    const s = run(analysis({ findings: [finding('f1', ['a'])] }), { type: 'select-finding', findingId: 'f1' });
    expect([s.selectedId, s.focus]).toEqual(['a', null]);
    const before = run(analysis({ findings: [finding('f1', ['a'])] }));
    expect(applyUpdate(before, { type: 'select-finding', findingId: 'nope' })).toBe(before);
  });
});
