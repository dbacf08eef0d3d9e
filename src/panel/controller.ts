// Glue between the browser and the pure store: feeds it IndexedDB reads and live updates, keeps
// the selected connection's event window (rows read by seq on demand, live events put in), and
// makes filter runners, and holds the view options (pause, clear, preserve log, history).
// Components call its methods; they read `state`, `view`, `events` and `eventsVersion`.

import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { Db } from '../store/db';
import { readEvents } from '../store/event-chunks';
import { isBackgroundToPanel } from '../contracts/protocol';
import { EventWindow } from './messages/event-window';
import { FilterRunner, inThreadTransport, workerTransport, type FilterTransport } from './messages/filter-runner';
import { readTab } from './idb-reads';
import { openLivePort, type PanelPort } from './live-port';
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
  connect: (name: string) => PanelPort;
  /** Where filters run; by default a worker, in-thread if a worker cannot be made. */
  filterTransport?: () => FilterTransport;
  /** localStorage of the panel (absent in tests). */
  storage?: { getItem(key: string): string | null; setItem(key: string, value: string): void } | undefined;
  now?: () => number;
}

export interface PanelController {
  state: ReadonlySignal<PanelState>;
  /** The selected connection's rows, read on demand (a new window per selection). */
  events: ReadonlySignal<EventWindow | null>;
  /** Bumped whenever rows land in the window: the list re-renders on it. */
  eventsVersion: ReadonlySignal<number>;
  select(connectionId: string | null): void;
  selectFinding(findingId: string): void;
  createFilter(onUpdate: () => void): FilterRunner;
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

export function createPanelController({ tabId, db, connect, filterTransport, storage, now = Date.now }: PanelDeps): PanelController {
  const state = signal(initialState(tabId));
  const events = signal<EventWindow | null>(null);
  const eventsVersion = signal(0);
  let paused: PauseState = RUNNING;
  const view = signal<PanelView>({ ...DEFAULT_VIEW_OPTIONS, preserveLog: readFlag(storage, PRESERVE_LOG_KEY), paused: false, newEvents: 0 });
  const setView = (patch: Partial<PanelView>) => (view.value = { ...view.value, ...patch });

  // Every input passes the pause gate: while paused, live ones are held (and counted).
  const dispatch = (input: PanelInput) => {
    const g = gate(paused, input);
    if (g.pause !== paused) {
      paused = g.pause;
      if (view.value.newEvents !== paused.newEvents) setView({ newEvents: paused.newEvents });
    }
    if (g.pass) apply(g.pass);
  };

  const apply = (input: PanelInput) => {
    const before = state.value.selectedId;
    batch(() => {
      state.value = applyUpdate(state.value, input);
      if (state.value.selectedId !== before) openWindow(state.value.selectedId);
      // Live events of the selected connection go into the pages the list has cached.
      if (input.type === 'update' && input.tabId === tabId && events.value) {
        const id = state.value.selectedId;
        events.value.put(input.events.filter((e) => e.connectionId === id));
      }
    });
  };

  function openWindow(connectionId: string | null): void {
    events.value?.close();
    events.value =
      connectionId === null
        ? null
        : new EventWindow(
            (from, to) => readEvents(db, connectionId, from, to),
            () => eventsVersion.value++,
          );
  }

  async function readSnapshot(): Promise<void> {
    const { pages, connections } = await readTab(db, tabId);
    dispatch({ type: 'snapshot', tabId, pages, connections });
  }

  // A first read right away, for a fast first paint: waking the background and its `subscribed`
  // answer can take longer than reading IndexedDB. It is not the consistent read (a commit may
  // land between it and the subscription); the read after `subscribed` below is, and the merge
  // keeps the newest row either way.
  readSnapshot().catch(() => {});

  const live = openLivePort({
    tabId,
    connect,
    // Subscribed first, read second: whatever commits between the two comes over the port, and
    // the merge keeps the newest row. Events missed while the port was down are read from
    // IndexedDB when the list wants them (their pages were read before they existed).
    onConnect: () => {
      dispatch({ type: 'port', status: 'live' });
      readSnapshot().catch(() => {});
    },
    onDrop: () => dispatch({ type: 'port', status: 'reconnecting' }),
    onMessage: (m) => {
      // Live updates and the background's analysis of the tab (which replaces the previous one).
      if (isBackgroundToPanel(m)) dispatch(m);
    },
  });

  const makeTransport = (): FilterTransport => {
    if (filterTransport) return filterTransport();
    try {
      return workerTransport();
    } catch {
      return inThreadTransport(db);
    }
  };

  return {
    state,
    events,
    eventsVersion,
    select: (connectionId) => dispatch({ type: 'select', connectionId }),
    selectFinding: (findingId) => dispatch({ type: 'select-finding', findingId }),
    createFilter: (onUpdate) => new FilterRunner(makeTransport(), onUpdate),
    close: () => {
      events.value?.close();
      live.close();
    },
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
