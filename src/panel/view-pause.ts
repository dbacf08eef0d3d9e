// "Pause view": capture goes on, the view freezes. Inputs that would change what is shown (live
// updates, analyses, re-reads after a reconnect) are held back and applied in order on resume;
// the user's own actions (select, paging, port status) still apply. Pure; unit-tested.

import type { PanelInput } from './store';

/** Past this many held-back events only their rows are kept; resume re-reads the tail instead. */
export const MAX_HELD_EVENTS = 10_000;

export interface PauseState {
  paused: boolean;
  held: PanelInput[];
  /** Events that arrived while paused ("N new events"). */
  newEvents: number;
  /** Held events were dropped to bound memory: resume must re-read from IndexedDB. */
  overflowed: boolean;
  heldEvents: number;
}

export const RUNNING: PauseState = { paused: false, held: [], newEvents: 0, overflowed: false, heldEvents: 0 };

/** Inputs that change the view by themselves (not by the user's doing). */
function isLive(input: PanelInput): boolean {
  return input.type === 'update' || input.type === 'analysis' || input.type === 'snapshot' || input.type === 'resync';
}

/** Routes one input: through to the store now, or held while paused. */
export function gate(p: PauseState, input: PanelInput): { pause: PauseState; pass: PanelInput | null } {
  if (!p.paused || !isLive(input)) return { pause: p, pass: input };
  // An analysis replaces the previous one: keep only the newest.
  const held = input.type === 'analysis' ? [...p.held.filter((h) => h.type !== 'analysis'), input] : [...p.held, input];
  const incoming = input.type === 'update' ? input.events.length : 0;
  let next: PauseState = { ...p, held, newEvents: p.newEvents + incoming, heldEvents: p.heldEvents + incoming };
  if (next.heldEvents > MAX_HELD_EVENTS) next = dropHeldEvents(next);
  return { pause: next, pass: null };
}

/** Keeps the connection and page rows of held updates but not their events. */
function dropHeldEvents(p: PauseState): PauseState {
  const held = p.held.map((h) => (h.type === 'update' && h.events.length > 0 ? { ...h, events: [] } : h));
  return { ...p, held, heldEvents: 0, overflowed: true };
}

export function pause(p: PauseState): PauseState {
  return p.paused ? p : { ...RUNNING, paused: true };
}

/** What to apply, in order, to catch the view up. */
export function resume(p: PauseState): { pause: PauseState; apply: PanelInput[] } {
  if (!p.paused) return { pause: p, apply: [] };
  // After an overflow the held updates lack events: the store's re-read fills the tail.
  return { pause: RUNNING, apply: p.overflowed ? [...p.held, { type: 'resync' }] : p.held };
}
