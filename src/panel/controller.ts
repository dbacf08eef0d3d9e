// Glue between the browser and the pure store: feeds it IndexedDB reads and live updates, and
// starts the reads the state asks for (a selection, a hole, a reconnect). Components call only
// `select`, `selectFinding` and `loadOlder`; they read `state`.

import { signal, type ReadonlySignal } from '@preact/signals';
import type { Db } from '../shared/db';
import { isBackgroundToPanel } from '../shared/protocol';
import { readOlder, readTab, readTail } from './idb-reads';
import { openLivePort, type PortLike } from './live-port';
import { applyUpdate, initialState, type PanelInput, type PanelState } from './store';
import { DEFAULT_VIEW_OPTIONS, type ViewOptions } from './view-options';
import { RUNNING, gate, pause, resume, type PauseState } from './view-pause';

/** How the connections side is viewed (not what is recorded): see view-options.ts and view-pause.ts. */
export interface PanelView extends ViewOptions {
  paused: boolean;
  /** Events that arrived since the view was paused. */
  newEvents: number;
}

/** Where "Preserve log" is remembered, like DevTools remembers its own checkbox. */
export const PRESERVE_LOG_KEY = 'ri.panel.preserveLog';

export interface PanelDeps {
  tabId: number;
  db: Db;
  connect: (name: string) => PortLike;
  /** localStorage of the panel (absent in tests). */
  storage?: { getItem(key: string): string | null; setItem(key: string, value: string): void } | undefined;
  now?: () => number;
}

export interface PanelController {
  state: ReadonlySignal<PanelState>;
  select(connectionId: string | null): void;
  selectFinding(findingId: string): void;
  loadOlder(): void;
  close(): void;
  view: ReadonlySignal<PanelView>;
  /** Pause view: capture continues, the view freezes until resumed (then catches up). */
  setPaused(paused: boolean): void;
  /** Hides what was recorded before now (storage keeps it). */
  clearView(): void;
  setPreserveLog(on: boolean): void;
  /** Shows one earlier page load, or null for the live view. */
  showHistory(pageId: string | null): void;
}

export function createPanelController({ tabId, db, connect, storage, now = Date.now }: PanelDeps): PanelController {
  const state = signal(initialState(tabId));
  let paused: PauseState = RUNNING;
  const view = signal<PanelView>({ ...DEFAULT_VIEW_OPTIONS, preserveLog: readFlag(storage, PRESERVE_LOG_KEY), paused: false, newEvents: 0 });
  const setView = (patch: Partial<PanelView>) => (view.value = { ...view.value, ...patch });
  /** Bumped on every reconnect: a tail read started before it may have missed events. */
  let generation = 0;
  let tailInFlight: string | null = null;
  let olderInFlight = false;

  const apply = (input: PanelInput) => {
    state.value = applyUpdate(state.value, input);
    startTailReadIfWanted();
  };
  // Every input passes the pause gate: while paused, live ones are held (and counted).
  const dispatch = (input: PanelInput) => {
    const g = gate(paused, input);
    if (g.pause !== paused) {
      paused = g.pause;
      if (view.value.newEvents !== paused.newEvents) setView({ newEvents: paused.newEvents });
    }
    if (g.pass) apply(g.pass);
  };

  function startTailReadIfWanted(): void {
    const { loading, selectedId } = state.value;
    if (!loading || selectedId === null) return;
    const key = `${generation}:${selectedId}`;
    if (tailInFlight === key) return;
    tailInFlight = key;
    readTail(db, selectedId).then(
      (events) => {
        if (tailInFlight !== key) return; // superseded: a newer read is on its way
        tailInFlight = null;
        dispatch({ type: 'events-tail', connectionId: selectedId, events });
      },
      () => {
        // The database went away (extension reloaded): nothing to show, nothing to retry.
        if (tailInFlight === key) tailInFlight = null;
      },
    );
  }

  async function readSnapshot(): Promise<void> {
    const { pages, connections } = await readTab(db, tabId);
    dispatch({ type: 'snapshot', tabId, pages, connections });
  }

  const live = openLivePort({
    tabId,
    connect,
    // Subscribed first, read second: whatever commits between the two comes over the port, and
    // the merge drops what both deliver.
    onConnect: () => {
      generation++;
      dispatch({ type: 'port', status: 'live' });
      dispatch({ type: 'resync' });
      readSnapshot().catch(() => {});
    },
    onDrop: () => dispatch({ type: 'port', status: 'reconnecting' }),
    onMessage: (m) => {
      // Live updates and the background's analysis of the tab (which replaces the previous one).
      if (isBackgroundToPanel(m)) dispatch(m);
    },
  });

  return {
    state,
    select: (connectionId) => dispatch({ type: 'select', connectionId }),
    selectFinding: (findingId) => dispatch({ type: 'select-finding', findingId }),
    loadOlder() {
      const { selectedId, events } = state.value;
      const first = events[0]?.seq;
      if (selectedId === null || first === undefined || olderInFlight) return;
      olderInFlight = true;
      readOlder(db, selectedId, first)
        .then((older) => dispatch({ type: 'events-older', connectionId: selectedId, events: older }))
        .catch(() => {})
        .finally(() => (olderInFlight = false));
    },
    close: () => live.close(),
    view,
    setPaused(on) {
      if (on === view.value.paused) return;
      if (on) {
        paused = pause(paused);
        setView({ paused: true, newEvents: 0 });
        return;
      }
      const r = resume(paused);
      paused = r.pause;
      setView({ paused: false, newEvents: 0 });
      for (const input of r.apply) apply(input);
    },
    clearView() {
      setView({ clearedAt: now(), historyPageId: null });
    },
    setPreserveLog(on) {
      writeFlag(storage, PRESERVE_LOG_KEY, on);
      setView({ preserveLog: on, historyPageId: null });
    },
    showHistory(pageId) {
      setView({ historyPageId: pageId });
    },
  };
}

function readFlag(storage: PanelDeps['storage'], key: string): boolean {
  try {
    return storage?.getItem(key) === 'true';
  } catch {
    return false;
  }
}

function writeFlag(storage: PanelDeps['storage'], key: string, on: boolean): void {
  try {
    storage?.setItem(key, String(on));
  } catch {
    // Storage disabled: the choice lasts for this panel only.
  }
}
