// The one read behind every export format: select the scope, read its events, restore imported
// sessions to the ids their file had, build the analysis input (with webRequest observations
// and the user's field overrides for recorded data) and analyse it. The session log, HAR and
// NDJSON writers all start here, so "this tab" and its findings are the same in every format.

import { analyzeSession, type AnalysisInput, type AnalysisResult } from '../analysis';
import type { ConnectionRow, EventRow, PageRow } from '../contracts/model';
import type { Db } from '../store/db';
import { readEvents } from '../store/event-chunks';
import { restoreImported } from '../store/imported-ids';
import { readAnalysisInput } from './analysis-input';
import type { ExportOptions } from './export-options';
import { selectScope, type Selection } from './select';

/** Events are read per connection in chunks of this many (bounded memory per read). */
export const EVENT_CHUNK = 5000;

export interface AnalysedScope {
  /** The stored rows the scope covers (recorded ids; imported tabs under their prefixed ids). */
  selection: Selection;
  /** Pages and connections as the export writes them (imported ones with their file's ids). */
  pages: PageRow[];
  connections: ConnectionRow[];
  /** Maps a stored event of an imported tab to its file's ids; null when nothing is imported. */
  restoreEvent: ((e: EventRow) => EventRow) | null;
  /** Events in the scope (sum of lastSeq). */
  totalEvents: number;
  /** The restored events, in connection then seq order, when they were read for the analysis. */
  events: EventRow[] | null;
  /** Null when the scope has more than `analysisMaxEvents` events. */
  analysis: AnalysisResult | null;
}

export async function readAnalysedScope(db: Db, opts: ExportOptions, analysisMaxEvents = Infinity): Promise<AnalysedScope> {
  const selection = await selectScope(db, opts);
  // Imported tabs are exported with the ids and tab ids their file had (imported-ids.ts).
  const restored = restoreImported(selection.pages, selection.connections, selection.imports);
  const totalEvents = selection.connections.reduce((n, c) => n + c.lastSeq, 0);
  const scope: AnalysedScope = { selection, pages: restored.pages, connections: restored.connections, restoreEvent: restored.event, totalEvents, events: null, analysis: null };
  if (totalEvents > analysisMaxEvents) return scope;
  const rows: EventRow[] = [];
  for (const c of selection.connections) {
    for (let from = 1; from <= c.lastSeq; from += EVENT_CHUNK) {
      for (const ev of await readEvents(db, c.id, from, Math.min(c.lastSeq, from + EVENT_CHUNK - 1))) rows.push(ev);
    }
  }
  const events = restored.event ? rows.map(restored.event) : rows;
  // The same pure analysis the panel runs live; over the exported scope only, before redaction
  // (findings need the real payloads; the writers redact their texts). An imported session has
  // no webRequest observations of its own, and keeps the findings its data gives: the user's
  // field overrides apply to recorded data only.
  const input: AnalysisInput = restored.event ? { connections: restored.connections, events, requests: [] } : await readAnalysisInput(db, restored.connections, events);
  if (opts.fieldOverrides && !restored.event) input.options = { ...input.options, sequenceFields: opts.fieldOverrides.sequenceFields, timestampFields: opts.fieldOverrides.timestampFields, protocolOverrides: opts.fieldOverrides.protocolOverrides };
  scope.events = events;
  // Recovery verdicts judge "never reconnected" by the wall clock at export (recorded data only).
  if (!restored.event) input.options = { ...input.options, verdictNow: Date.now() };
  scope.analysis = analyzeSession(input);
  return scope;
}
