// Glue between the browser and the pure store: feeds it IndexedDB reads, live updates and the
// user's actions (selection, pause, clear, preserve log, history), keeps the selected
// connection's event window (rows read by seq on demand, live events put in), and makes filter
// runners. Components reach it through the panel context (panel-context.ts) and read `state`,
// `events` and `eventsVersion`.

import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { Db } from '../store/db';
import { readEvents } from '../store/event-chunks';
import { isBackgroundToPanel } from '../contracts/protocol';
import { EventWindow } from './messages/event-window';
import { FilterRunner, inThreadTransport, workerTransport, type FilterTransport } from './messages/filter-runner';
import { readTab } from './idb-reads';
import { openLivePort, type PanelPort } from './live-port';
import { applyUpdate, initialState, type PanelInput, type PanelState } from './store';
import type { EventRef } from './findings/finding-refs';

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
  /** Selects the event's connection and scrolls its message list to the event. */
  focusEvent(ref: EventRef): void;
  createFilter(onUpdate: () => void): FilterRunner;
  close(): void;
  /** Pause view: capture continues, the view freezes until resumed (then catches up). */
  setPaused(paused: boolean): void;
  /** Hides what was recorded before now (storage keeps it). */
  clearView(): void;
  setPreserveLog(on: boolean): void;
  /** Shows one earlier page load, or null for the live view. */
  showHistory(pageId: string | null): void;
}

export function createPanelController({ tabId, db, connect, filterTransport, storage, now = Date.now }: PanelDeps): PanelController {
  const state = signal(initialState(tabId, { preserveLog: readFlag(storage, PRESERVE_LOG_KEY) }));
  const events = signal<EventWindow | null>(null);
  const eventsVersion = signal(0);

  const dispatch = (input: PanelInput) => {
    const before = state.value;
    batch(() => {
      state.value = applyUpdate(before, input);
      if (state.value.selectedId !== before.selectedId) openWindow(state.value.selectedId);
      // Live events of the selected connection go into the pages the list has cached: those of
      // this input if it passed, or of every held input that a resume applied.
      const applied =
        input.type === 'resume' ? (before.pause.paused ? before.pause.held : [])
        : input.type === 'pause' ? []
        : state.value.pause === before.pause ? [input] // the gate changes the pause state only when it holds an input
        : [];
      for (const a of applied) {
        if (a.type === 'update' && a.tabId === tabId && events.value) {
          const id = state.value.selectedId;
          events.value.put(a.events.filter((e) => e.connectionId === id));
        }
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
    focusEvent: (ref) => dispatch({ type: 'focus-event', ref }),
    createFilter: (onUpdate) => new FilterRunner(makeTransport(), onUpdate),
    close: () => {
      events.value?.close();
      live.close();
    },
    setPaused: (on) => dispatch({ type: on ? 'pause' : 'resume' }),
    clearView: () => dispatch({ type: 'clear-view', at: now() }),
    setPreserveLog(on) {
      writeFlag(storage, PRESERVE_LOG_KEY, on);
      dispatch({ type: 'preserve-log', on });
    },
    showHistory: (pageId) => dispatch({ type: 'show-history', pageId }),
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
