// Reads what the findings analysis needs from IndexedDB: the connections' events and the
// EventSource requests webRequest saw in their tabs. Shared by the background's live analysis
// and the export, so both analyse the same input.

import type { AnalysisInput } from '../analysis';
import type { Db } from '../store/db';
import { readEvents } from '../store/event-chunks';
import type { ConnectionRow, EventRow, RequestRow } from '../contracts/model';
import { allOf } from '../store/queries';

export async function readAnalysisInput(db: Db, connections: ConnectionRow[], events?: EventRow[]): Promise<AnalysisInput> {
  const evs = events ?? (await Promise.all(connections.map((c) => readEvents(db, c.id, 1, c.lastSeq)))).flat();
  const tabs = new Set(connections.map((c) => c.tabId));
  const requests: RequestRow[] = [];
  for (const tabId of tabs) {
    requests.push(...(await db.getAllFromIndex('requests', 'byTab', allOf(tabId))));
  }
  return { connections, events: evs, requests };
}
