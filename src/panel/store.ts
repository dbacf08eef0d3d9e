// The panel's state and the ONE pure function that applies everything that reaches it: live
// updates from the background, reads from IndexedDB, the user's selection, port status.
// No DOM, no browser API: unit-tested in node (store.test.ts). Components only render it.

import type { ConnectionRow, EventRow, PageRow } from '../shared/model';
import type { AnalysisMessage, UpdateMessage } from '../shared/protocol';
import type { LogConnectionStats, LogFinding } from '../shared/session-log';
import { firstEventRef, type EventRef } from './finding-refs';

/** How many events of the selected connection the view keeps; older ones are re-read on demand. */
export const MAX_VIEW_EVENTS = 2000;

export type PortStatus = 'connecting' | 'live' | 'reconnecting';

export interface PanelState {
  tabId: number;
  /** Top-level loads of the tab, oldest first. */
  pages: PageRow[];
  /** Connections of the tab, oldest first. */
  connections: ConnectionRow[];
  selectedId: string | null;
  /** The selected connection's events: one contiguous run of seq (no holes), oldest first. */
  events: EventRow[];
  /** Events that arrived while the selected connection's tail was being read. */
  pending: EventRow[];
  /** A read of the selected connection's tail is wanted / in flight (after a select or a hole). */
  loading: boolean;
  /** A hole was seen in the live events: the tail is being re-read from IndexedDB. */
  needsReload: boolean;
  port: PortStatus;
  /** How many times the port came back after a drop (the background restarted or unloaded). */
  portReconnects: number;
  /** The first IndexedDB read of the tab finished (distinguishes "nothing yet" from "no data"). */
  loaded: boolean;
  /** The background's latest analysis of the tab (each one replaces the previous), or null before the first. */
  analysis: { findings: LogFinding[]; lineages: Record<string, Lineage>; stats: Record<string, LogConnectionStats>; skipped?: string } | null;
  /** The finding the user clicked, and the event of its evidence to highlight. */
  selectedFindingId: string | null;
  focus: EventRef | null;
}

/** Where a connection stands in its lineage (docs/findings.md#lineages). */
export interface Lineage {
  lineageId: string;
  attempt: number;
}

export type PanelInput =
  | UpdateMessage
  | AnalysisMessage
  /** The user clicked a finding: select its first connection and the event that proves it. */
  | { type: 'select-finding'; findingId: string }
  /** Everything IndexedDB holds for the tab (after open and after every reconnect). */
  | { type: 'snapshot'; tabId: number; pages: PageRow[]; connections: ConnectionRow[] }
  | { type: 'select'; connectionId: string | null }
  /** The tail of the selected connection read from IndexedDB (replaces what the view had). */
  | { type: 'events-tail'; connectionId: string; events: EventRow[] }
  /** Older events of the selected connection, read on demand (ends right before events[0]). */
  | { type: 'events-older'; connectionId: string; events: EventRow[] }
  | { type: 'port'; status: PortStatus }
  /** The port came back: what happened meanwhile is only in IndexedDB, so re-read the tail. */
  | { type: 'resync' };

export function initialState(tabId: number): PanelState {
  return {
    tabId,
    pages: [],
    connections: [],
    selectedId: null,
    events: [],
    pending: [],
    loading: false,
    needsReload: false,
    port: 'connecting',
    portReconnects: 0,
    loaded: false,
    analysis: null,
    selectedFindingId: null,
    focus: null,
  };
}

export function applyUpdate(state: PanelState, input: PanelInput): PanelState {
  switch (input.type) {
    case 'update':
      // Tab isolation: another tab's data never reaches this view, whatever the port carries.
      if (input.tabId !== state.tabId) return state;
      return applyEvents(
        {
          ...state,
          pages: mergePages(state.pages, input.pages, state.tabId),
          connections: mergeConnections(state.connections, input.connections, state.tabId),
        },
        input.events,
      );
    case 'snapshot':
      if (input.tabId !== state.tabId) return state;
      return {
        ...state,
        loaded: true,
        pages: mergePages(state.pages, input.pages, state.tabId),
        connections: mergeConnections(state.connections, input.connections, state.tabId),
      };
    case 'analysis':
      if (input.tabId !== state.tabId) return state;
      return {
        ...state,
        analysis: {
          findings: input.findings,
          lineages: Object.fromEntries(input.lineages.map((l) => [l.connectionId, { lineageId: l.lineageId, attempt: l.attempt }])),
          stats: Object.fromEntries(input.stats.map((st) => [st.connectionId, st])),
          ...(input.skipped === undefined ? {} : { skipped: input.skipped }),
        },
      };
    case 'select-finding':
      return selectFinding(state, input.findingId);
    case 'select':
      if (input.connectionId === state.selectedId) return state.selectedFindingId === null ? state : { ...state, selectedFindingId: null, focus: null };
      return {
        ...state,
        selectedFindingId: null,
        focus: null,
        selectedId: input.connectionId,
        events: [],
        pending: [],
        loading: input.connectionId !== null,
        needsReload: false,
      };
    case 'events-tail':
      if (input.connectionId !== state.selectedId) return state;
      return applyEvents(
        { ...state, events: trimFront(contiguousTail(sortBySeq(input.events))), pending: [], loading: false, needsReload: false },
        state.pending,
      );
    case 'events-older':
      return prependOlder(state, input.connectionId, input.events);
    case 'port':
      if (input.status === state.port) return state;
      return {
        ...state,
        port: input.status,
        portReconnects: state.portReconnects + (state.port === 'reconnecting' && input.status === 'live' ? 1 : 0),
      };
    case 'resync':
      return state.selectedId === null ? state : { ...state, loading: true };
  }
}

function selectFinding(state: PanelState, findingId: string): PanelState {
  const finding = state.analysis?.findings.find((f) => f.id === findingId);
  const connectionId = finding?.connectionIds[0];
  if (!finding || connectionId === undefined) return state;
  const selected = applyUpdate(state, { type: 'select', connectionId });
  return { ...selected, selectedFindingId: findingId, focus: firstEventRef(finding.evidence, connectionId) ?? null };
}

/** Appends the selected connection's new events when they continue the list; a hole asks for a reload. */
function applyEvents(state: PanelState, incoming: readonly EventRow[]): PanelState {
  const mine = sortBySeq(incoming.filter((e) => e.connectionId === state.selectedId));
  if (mine.length === 0 || state.selectedId === null) return state;
  // A read is in flight: keep what arrives, it is merged when the read lands (it may or may not
  // contain these, depending on which commit its transaction saw).
  if (state.loading) return { ...state, pending: [...state.pending, ...mine] };
  const events = [...state.events];
  let last = events.at(-1)?.seq ?? 0;
  for (const e of mine) {
    if (e.seq <= last) continue; // already shown (a re-read and a live update overlapped)
    // With an empty list the first event may be any seq (older ones are not loaded, not missing).
    if (events.length > 0 && e.seq !== last + 1) {
      // Never show a list with a hole: keep the contiguous part and re-read the tail.
      return { ...state, events: trimFront(events), needsReload: true, loading: true, pending: mine };
    }
    events.push(e);
    last = e.seq;
  }
  return events.length === state.events.length ? state : { ...state, events: trimFront(events) };
}

function prependOlder(state: PanelState, connectionId: string, older: readonly EventRow[]): PanelState {
  if (connectionId !== state.selectedId || state.loading) return state;
  const first = state.events[0]?.seq;
  if (first === undefined) return state;
  // Keep only the run that ends exactly at first - 1: anything else would leave a hole.
  const run: EventRow[] = [];
  let want = first - 1;
  for (const e of sortBySeq(older.filter((x) => x.seq < first)).reverse()) {
    if (e.seq !== want) break;
    run.unshift(e);
    want--;
  }
  return run.length === 0 ? state : { ...state, events: [...run, ...state.events] };
}

/** The longest run of consecutive seq at the end of a sorted list (an IDB read has no holes, but be sure). */
function contiguousTail(sorted: EventRow[]): EventRow[] {
  let i = sorted.length - 1;
  while (i > 0 && sorted[i - 1]!.seq === sorted[i]!.seq - 1) i--;
  return i <= 0 ? sorted : sorted.slice(i);
}

function trimFront(events: EventRow[]): EventRow[] {
  return events.length > MAX_VIEW_EVENTS ? events.slice(events.length - MAX_VIEW_EVENTS) : events;
}

function sortBySeq(events: readonly EventRow[]): EventRow[] {
  return [...events].sort((a, b) => a.seq - b.seq);
}

/**
 * Full rows replace rows with the same id, except when the incoming row is older than the one
 * shown (a snapshot read that raced a live update): `lastSeq` only grows.
 */
function mergeConnections(current: ConnectionRow[], incoming: readonly ConnectionRow[], tabId: number): ConnectionRow[] {
  const rows = incoming.filter((c) => c.tabId === tabId);
  if (rows.length === 0) return current;
  const byId = new Map(current.map((c) => [c.id, c] as const));
  for (const row of rows) {
    const old = byId.get(row.id);
    if (old === undefined || row.lastSeq >= old.lastSeq) byId.set(row.id, row);
  }
  return [...byId.values()].sort((a, b) => a.createdAt - b.createdAt || cmp(a.id, b.id));
}

function mergePages(current: PageRow[], incoming: readonly PageRow[], tabId: number): PageRow[] {
  const rows = incoming.filter((p) => p.tabId === tabId);
  if (rows.length === 0) return current;
  const byId = new Map(current.map((p) => [p.id, p] as const));
  for (const row of rows) byId.set(row.id, row);
  return [...byId.values()].sort((a, b) => a.startedAt - b.startedAt || cmp(a.id, b.id));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The selected connection's row, if it is still known. */
export function selectedConnection(state: PanelState): ConnectionRow | undefined {
  return state.connections.find((c) => c.id === state.selectedId);
}

/** Whether events before the first shown one exist (in IndexedDB, not in the view). */
export function hasOlder(state: PanelState): boolean {
  const first = state.events[0]?.seq;
  return first !== undefined && first > 1;
}
