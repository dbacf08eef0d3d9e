// What the id analysis of a lineage observed; the event-id-* and resume-mismatch detectors turn
// these into findings.

import type { EventRef } from './types';

/** Where a stream continued after its connection went away and came back. */
export interface Boundary {
  type: 'reconnect' | 'new-connection';
  /** The open event the stream continued after (absent if the new connection never opened). */
  at?: EventRef;
  /** The event that ended the previous stretch (error of an SSE cycle, close of a WebSocket). */
  since?: EventRef;
  downtimeMs?: number;
  /** SSE: the Last-Event-ID the browser sent (null: none), and how we know. */
  sentId?: string | null;
  sentSource?: 'request' | 'inferred' | 'url-query' | 'new-eventsource';
}

export interface GapObservation {
  type: 'gap';
  from: number;
  to: number;
  count: number;
  /** Of the missing ids, how many arrived later (out of order). */
  filled: number;
  before: EventRef;
  after: EventRef;
  t: number;
  across?: Boundary;
}

export interface RunObservation {
  type: 'duplicate' | 'out-of-order';
  from: number;
  to: number;
  count: number;
  first: EventRef;
  last: EventRef;
  t: number;
  across?: Boundary;
}

export interface ResetObservation {
  type: 'reset';
  /** Highest id before the reset. */
  fromMax: number;
  to: number;
  before: EventRef;
  after: EventRef;
  t: number;
  across?: Boundary;
}

export type ResumeVerdict = 'skipped' | 'replayed' | 'restarted';

export interface ResumeObservation {
  type: 'resume';
  verdict: ResumeVerdict;
  boundary: Boundary;
  /** Last id the page saw before the boundary. */
  lastSeen: string;
  lastSeenRef: EventRef;
  got: string;
  firstAfter: EventRef;
  t: number;
  /** Numeric sequences: the id the server should have resumed with, and what was skipped. */
  expected?: number;
  missingFrom?: number;
  missingTo?: number;
  missingCount?: number;
  /** Events delivered again, and the last of them (grows while the replay lasts). */
  replayed: number;
  lastReplayed?: EventRef;
}

export type IdObservation = GapObservation | RunObservation | ResetObservation | ResumeObservation;

export interface LineageIds {
  lineageId: string;
  /** "lastEventId" for EventSource, the JSON field path for WebSocket. */
  field: string;
  mode: 'numeric' | 'text';
  /** Numeric: the first value the lineage ever saw. */
  initial?: number;
  observations: IdObservation[];
}
