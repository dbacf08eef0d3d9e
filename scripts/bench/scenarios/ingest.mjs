// Ingest: events per second the background validates, numbers and commits to IndexedDB, and the
// stored bytes per event beyond the payload. See inject.mjs for how the records get there.
import { openConfig } from '../configs.mjs';
import { readFileSync } from 'node:fs';
import { injectSession, storedChunks } from '../inject.mjs';

/** The relay protocol's version, read from its one source (the background refuses any other). */
export const PROTOCOL_VERSION = Number(/export const PROTOCOL_VERSION = (\d+);/.exec(readFileSync(new URL('../../../src/contracts/protocol.ts', import.meta.url), 'utf8'))?.[1]);

/** Injects n events into a fresh browser's background; `keep` leaves the browser open (for the panel scenario). */
export async function ingestSample({ browserName, server, n, keep = false }) {
  const session = await openConfig(browserName, 'ext', server.url);
  try {
    const exporter = await session.exporter();
    const inj = await exporter.evaluate(injectSession, { n, batchRecords: 500, window: 40, portName: 'ri-relay', version: PROTOCOL_VERSION, wsUrl: `${server.wsUrl}?inject` });
    const stored = await exporter.evaluate(storedChunks, { sourceId: inj.sourceId, dbName: 'realtime-inspector', n });
    if (!stored.ok) throw new Error(`LOSS in ingest (${browserName}, ${n} events): ${stored.error}`);
    const result = {
      n,
      ms: inj.ms,
      eventsPerSec: (n / inj.ms) * 1000,
      envelopeCharsPerEvent: (stored.chars - inj.payloadChars) / n,
      usageBytesPerEvent: inj.usageDelta / n,
      payloadCharsPerEvent: inj.payloadChars / n,
      tabId: inj.tabId,
      connectionId: stored.connectionId,
      version: session.version,
    };
    if (keep) return { result, session };
    return { result };
  } finally {
    if (!keep) await session.close();
  }
}

export async function runIngest({ browserName, server, n, reps, say }) {
  const out = [];
  let version = 'unknown';
  for (let rep = 0; rep < reps; rep++) {
    const { result } = await ingestSample({ browserName, server, n });
    version = result.version;
    out.push(result);
    say(`  ingest ${browserName} rep ${rep + 1}: ${n} events in ${result.ms.toFixed(0)} ms = ${result.eventsPerSec.toFixed(0)} events/s; stored JSON beyond payload ${result.envelopeCharsPerEvent.toFixed(1)} chars/event; storage estimate +${result.usageBytesPerEvent.toFixed(1)} B/event (payload ${result.payloadCharsPerEvent.toFixed(1)})`);
  }
  return { n, samples: out, version };
}
