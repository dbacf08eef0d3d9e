// "Pause view": capture goes on, the view freezes. Inputs that would change what is shown (live
// updates, analyses, re-reads after a reconnect) are held back and applied in order on resume;
// the user's own actions (select, paging, port status) still apply. Pure; unit-tested.

/** What the gate routes: the panel's inputs (store.ts); live updates carry `events`. */
interface Input {
  type: string;
  events?: readonly unknown[];
}

/**
 * Past this many held-back events only their rows are kept: the message list's event window
 * re-reads from IndexedDB whatever its cached pages lack (event-window.ts `want`).
 */
export const MAX_HELD_EVENTS = 10_000;

export interface PauseState<I extends Input = Input> {
  paused: boolean;
  held: I[];
  /** Events that arrived while paused ("N new events"). */
  newEvents: number;
  /** Held events were dropped to bound memory (the list re-reads them from IndexedDB). */
  overflowed: boolean;
  heldEvents: number;
}

export const RUNNING: PauseState<never> = { paused: false, held: [], newEvents: 0, overflowed: false, heldEvents: 0 };

/** Inputs that change the view by themselves (not by the user's doing). */
function isLive(input: Input): boolean {
  return input.type === 'update' || input.type === 'analysis' || input.type === 'snapshot';
}

/** Routes one input: through to the store now, or held while paused. */
export function gate<I extends Input>(p: PauseState<I>, input: I): { pause: PauseState<I>; pass: I | null } {
  if (!p.paused || !isLive(input)) return { pause: p, pass: input };
  // An analysis replaces the previous one: keep only the newest.
  const held = input.type === 'analysis' ? [...p.held.filter((h) => h.type !== 'analysis'), input] : [...p.held, input];
  const incoming = input.type === 'update' ? (input.events?.length ?? 0) : 0;
  let next: PauseState<I> = { ...p, held, newEvents: p.newEvents + incoming, heldEvents: p.heldEvents + incoming };
  if (next.heldEvents > MAX_HELD_EVENTS) next = dropHeldEvents(next);
  return { pause: next, pass: null };
}

/** Keeps the connection and page rows of held updates but not their events. */
function dropHeldEvents<I extends Input>(p: PauseState<I>): PauseState<I> {
  const held = p.held.map((h) => (h.type === 'update' && (h.events?.length ?? 0) > 0 ? { ...h, events: [] } : h));
  return { ...p, held, heldEvents: 0, overflowed: true };
}

export function pause<I extends Input>(p: PauseState<I>): PauseState<I> {
  return p.paused ? p : { ...RUNNING, paused: true };
}

/** What to apply, in order, to catch the view up. */
export function resume<I extends Input>(p: PauseState<I>): { pause: PauseState<I>; apply: I[] } {
  if (!p.paused) return { pause: p, apply: [] };
  // After an overflow the held updates lack events: their rows still raise lastSeq, and the
  // list reads the missing events from IndexedDB when it shows them.
  return { pause: RUNNING, apply: p.held };
}
