// The panel's state and the ONE pure function that applies everything that reaches it: live
// updates from the background, reads from IndexedDB, the user's selection, port status, and how
// the connections side is viewed (pause, clear, preserve log, history). No DOM, no browser API:
// unit-tested in node (store.test.ts). Components only render it.

import type { ConnectionRow, PageRow } from '../contracts/model';
import type { AnalysisMessage, UpdateMessage } from '../contracts/protocol';
import type { LogConnectionStats, LogFinding, LogVerdict } from '../contracts/session-log-format';
import { firstEventRef, type EventRef } from './findings/finding-refs';
import { DEFAULT_VIEW_OPTIONS, type ViewOptions } from './view-options';
import { RUNNING, gate, pause, resume, type PauseState } from './view-pause';

export type PortStatus = 'connecting' | 'live' | 'reconnecting';

export interface PanelState {
  tabId: number;
  /** Top-level loads of the tab, oldest first. */
  pages: PageRow[];
  /** Connections of the tab, oldest first. */
  connections: ConnectionRow[];
  /**
   * The selected connection. Its events are not kept here: the message list reads them from
   * IndexedDB by seq range as it scrolls (event-window.ts); its row's lastSeq is the count.
   */
  selectedId: string | null;
  port: PortStatus;
  /** How many times the port came back after a drop (the background restarted or unloaded). */
  portReconnects: number;
  /** The first IndexedDB read of the tab finished (distinguishes "nothing yet" from "no data"). */
  loaded: boolean;
  /** The background's latest analysis of the tab (each one replaces the previous), or null before the first. */
  analysis: { findings: LogFinding[]; lineages: Record<string, Lineage>; stats: Record<string, LogConnectionStats>; skipped?: string; verdicts?: LogVerdict[] } | null;
  /** The finding the user clicked, and the event of its evidence to highlight. */
  selectedFindingId: string | null;
  focus: EventRef | null;
  /** How the connections side is viewed (not what is recorded): view-options.ts. */
  view: ViewOptions;
  /** Pause view: live inputs held while paused, with the count of their events (view-pause.ts). */
  pause: PauseState<PanelInput>;
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
  /** Selects an event's connection and scrolls to it (a verdict card's evidence: docs/faults.md). */
  | { type: 'focus-event'; ref: EventRef }
  /** Everything IndexedDB holds for the tab (after open and after every reconnect). */
  | { type: 'snapshot'; tabId: number; pages: PageRow[]; connections: ConnectionRow[] }
  | { type: 'select'; connectionId: string | null }
  | { type: 'port'; status: PortStatus }
  /** Pause view: capture goes on, live inputs are held until resume (then applied in order). */
  | { type: 'pause' }
  | { type: 'resume' }
  /** Clear: hide what was created before `at` (storage keeps it). */
  | { type: 'clear-view'; at: number }
  | { type: 'preserve-log'; on: boolean }
  /** One earlier page load, or null for the live view. */
  | { type: 'show-history'; pageId: string | null };

export function initialState(tabId: number, view: Partial<ViewOptions> = {}): PanelState {
  return {
    tabId,
    pages: [],
    connections: [],
    selectedId: null,
    port: 'connecting',
    portReconnects: 0,
    loaded: false,
    analysis: null,
    selectedFindingId: null,
    focus: null,
    view: { ...DEFAULT_VIEW_OPTIONS, ...view },
    pause: RUNNING,
  };
}

/** Applies one input. While the view is paused, live inputs pass the pause gate (view-pause.ts) first. */
export function applyUpdate(state: PanelState, input: PanelInput): PanelState {
  switch (input.type) {
    case 'pause':
      return state.pause.paused ? state : { ...state, pause: pause(state.pause) };
    case 'resume': {
      if (!state.pause.paused) return state;
      const r = resume(state.pause);
      return r.apply.reduce(applyInput, { ...state, pause: r.pause });
    }
    default: {
      const g = gate(state.pause, input);
      const gated = g.pause === state.pause ? state : { ...state, pause: g.pause };
      return g.pass ? applyInput(gated, g.pass) : gated;
    }
  }
}

function applyInput(state: PanelState, input: PanelInput): PanelState {
  switch (input.type) {
    case 'update':
      // Tab isolation: another tab's data never reaches this view, whatever the port carries.
      if (input.tabId !== state.tabId) return state;
      // The events themselves go to the message list's window (controller.ts), not to the state.
      return {
        ...state,
        pages: mergePages(state.pages, input.pages, state.tabId),
        connections: mergeConnections(state.connections, input.connections, state.tabId),
      };
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
          ...(input.verdicts === undefined ? {} : { verdicts: input.verdicts }),
        },
      };
    case 'select-finding':
      return selectFinding(state, input.findingId);
    case 'focus-event':
      return { ...applyUpdate(state, { type: 'select', connectionId: input.ref.connectionId }), focus: input.ref };
    case 'select':
      if (input.connectionId === state.selectedId) return state.selectedFindingId === null ? state : { ...state, selectedFindingId: null, focus: null };
      return {
        ...state,
        selectedFindingId: null,
        focus: null,
        selectedId: input.connectionId,
      };
    case 'port':
      if (input.status === state.port) return state;
      return {
        ...state,
        port: input.status,
        portReconnects: state.portReconnects + (state.port === 'reconnecting' && input.status === 'live' ? 1 : 0),
      };
    case 'clear-view':
      return { ...state, view: { ...state.view, clearedAt: input.at, historyPageId: null } };
    case 'preserve-log':
      return { ...state, view: { ...state.view, preserveLog: input.on, historyPageId: null } };
    case 'show-history':
      return { ...state, view: { ...state.view, historyPageId: input.pageId } };
    case 'pause':
    case 'resume':
      return applyUpdate(state, input);
  }
}

function selectFinding(state: PanelState, findingId: string): PanelState {
  const finding = state.analysis?.findings.find((f) => f.id === findingId);
  const connectionId = finding?.connectionIds[0];
  if (!finding || connectionId === undefined) return state;
  const selected = applyUpdate(state, { type: 'select', connectionId });
  return { ...selected, selectedFindingId: findingId, focus: firstEventRef(finding.evidence, connectionId) ?? null };
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

/** How many events the selected connection has (seq 1 … lastSeq), 0 when none is selected. */
export function selectedLastSeq(state: PanelState): number {
  return selectedConnection(state)?.lastSeq ?? 0;
}
