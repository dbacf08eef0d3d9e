import { describe, expect, it } from 'vitest';
import type { EventRow } from '../contracts/model';
import type { AnalysisMessage, UpdateMessage } from '../contracts/protocol';
import { applyUpdate, initialState, selectedLastSeq, type PanelInput, type PanelState } from './store';
import { connRow, TEST_TAB } from './test-fixtures';
import { MAX_HELD_EVENTS, RUNNING, gate, pause, resume, type PauseState } from './view-pause';

const ev = (seq: number): EventRow => ({ connectionId: 'a', seq, t: 1000 + seq, type: 'message', direction: 'in', data: `m${seq}`, size: 2 });
const update = (from: number, to: number): UpdateMessage => {
  const events: EventRow[] = [];
  for (let s = from; s <= to; s++) events.push(ev(s));
  return { type: 'update', tabId: TEST_TAB, pages: [], connections: [connRow('a', { lastSeq: to, messagesIn: to })], events };
};
const analysis = (n: number): AnalysisMessage => ({ type: 'analysis', tabId: TEST_TAB, findings: [], lineages: [], stats: [], skipped: `v${n}` });

/** Runs inputs through the gate into the store, as the controller does. */
function run(state: PanelState, p: PauseState<PanelInput>, inputs: PanelInput[]): { state: PanelState; pause: PauseState<PanelInput> } {
  for (const input of inputs) {
    const g = gate(p, input);
    p = g.pause;
    if (g.pass) state = applyUpdate(state, g.pass);
  }
  return { state, pause: p };
}

describe('pause view', () => {
  const base = (): PanelState => {
    let s = applyUpdate(initialState(TEST_TAB), { type: 'snapshot', tabId: TEST_TAB, pages: [], connections: [connRow('a', { lastSeq: 1, messagesIn: 1 })] });
    return applyUpdate(s, { type: 'select', connectionId: 'a' });
  };

  it('freezes the view while paused, counts what arrived, and applies it in order on resume', () => {
    const start = base();
    const paused = run(start, pause(RUNNING), [update(2, 3), { type: 'port', status: 'reconnecting' }, update(4, 6), analysis(1)]);
    expect(selectedLastSeq(paused.state)).toBe(1);
    expect(paused.state.connections[0]!.messagesIn).toBe(1);
    expect(paused.state.port).toBe('reconnecting'); // status is not part of the frozen view
    expect(paused.pause.newEvents).toBe(5);
    const r = resume(paused.pause);
    expect(r.pause).toEqual(RUNNING);
    const resumed = r.apply.reduce(applyUpdate, paused.state);
    expect(selectedLastSeq(resumed)).toBe(6);
    expect(resumed.connections[0]!.messagesIn).toBe(6);
    expect(resumed.analysis?.skipped).toBe('v1');
  });

  it('keeps only the newest held analysis', () => {
    const p = run(base(), pause(RUNNING), [analysis(1), update(2, 2), analysis(2)]).pause;
    expect(p.held.map((h) => h.type)).toEqual(['update', 'analysis']);
  });

  it('still applies the user’s own selection while paused', () => {
    const s = run(base(), pause(RUNNING), [{ type: 'select', connectionId: null }]).state;
    expect(s.selectedId).toBeNull();
  });

  it('bounds memory: past the cap it keeps rows (lastSeq grows) and drops events, which the list re-reads', () => {
    const big = update(2, MAX_HELD_EVENTS + 10);
    const held = run(base(), pause(RUNNING), [big]);
    expect(held.pause.overflowed).toBe(true);
    expect(held.pause.newEvents).toBe(MAX_HELD_EVENTS + 9);
    const r = resume(held.pause);
    expect(r.apply.every((i) => i.type !== 'update' || i.events.length === 0)).toBe(true);
    const s = r.apply.reduce(applyUpdate, held.state);
    expect(s.connections[0]!.lastSeq).toBe(MAX_HELD_EVENTS + 10);
  });

  it('is an input of the one reducer: pause, live inputs held and counted, resume applies them in order', () => {
    let s = applyUpdate(base(), { type: 'pause' });
    s = [update(2, 3), { type: 'port', status: 'reconnecting' } as PanelInput, update(4, 6), analysis(1)].reduce(applyUpdate, s);
    expect(s.pause).toMatchObject({ paused: true, newEvents: 5 });
    expect(selectedLastSeq(s)).toBe(1);
    expect(s.port).toBe('reconnecting');
    s = applyUpdate(s, { type: 'resume' });
    expect(s.pause).toEqual(RUNNING);
    expect(selectedLastSeq(s)).toBe(6);
    expect(s.analysis?.skipped).toBe('v1');
    expect(applyUpdate(s, { type: 'resume' })).toBe(s);
  });

  it('does nothing when not paused', () => {
    expect(gate(RUNNING, update(2, 2)).pass).not.toBeNull();
    expect(resume(RUNNING).apply).toEqual([]);
  });
});
