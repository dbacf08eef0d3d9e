// Glue between the browser and the pure store: feeds it IndexedDB reads and live updates, and
// starts the reads the state asks for (a selection, a hole, a reconnect). Components call only
// `select`, `selectFinding` and `loadOlder`; they read `state`.

import { signal, type ReadonlySignal } from '@preact/signals';
import type { Db } from '../shared/db';
import { isBackgroundToPanel } from '../shared/protocol';
import { readOlder, readTab, readTail } from './idb-reads';
import { openLivePort, type PortLike } from './live-port';
import { applyUpdate, initialState, type PanelInput, type PanelState } from './store';

export interface PanelDeps {
  tabId: number;
  db: Db;
  connect: (name: string) => PortLike;
}

export interface PanelController {
  state: ReadonlySignal<PanelState>;
  select(connectionId: string | null): void;
  selectFinding(findingId: string): void;
  loadOlder(): void;
  close(): void;
}

export function createPanelController({ tabId, db, connect }: PanelDeps): PanelController {
  const state = signal(initialState(tabId));
  /** Bumped on every reconnect: a tail read started before it may have missed events. */
  let generation = 0;
  let tailInFlight: string | null = null;
  let olderInFlight = false;

  const dispatch = (input: PanelInput) => {
    state.value = applyUpdate(state.value, input);
    startTailReadIfWanted();
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
  };
}
