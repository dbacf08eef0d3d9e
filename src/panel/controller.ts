// Glue between the browser and the pure store: feeds it IndexedDB reads and live updates, keeps
// the selected connection's event window (rows read by seq on demand, live events put in), and
// makes filter runners. Components call only `select`, `selectFinding` and `createFilter`; they
// read `state`, `events` and `eventsVersion`.

import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { Db } from '../shared/db';
import { readEvents } from '../shared/event-chunks';
import { isBackgroundToPanel } from '../shared/protocol';
import { EventWindow } from './event-window';
import { FilterRunner, inThreadTransport, workerTransport, type FilterTransport } from './filter-runner';
import { readTab } from './idb-reads';
import { openLivePort, type PortLike } from './live-port';
import { applyUpdate, initialState, type PanelInput, type PanelState } from './store';

export interface PanelDeps {
  tabId: number;
  db: Db;
  connect: (name: string) => PortLike;
  /** Where filters run; by default a worker, in-thread if a worker cannot be made. */
  filterTransport?: () => FilterTransport;
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
}

export function createPanelController({ tabId, db, connect, filterTransport }: PanelDeps): PanelController {
  const state = signal(initialState(tabId));
  const events = signal<EventWindow | null>(null);
  const eventsVersion = signal(0);

  const dispatch = (input: PanelInput) => {
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
  };
}
