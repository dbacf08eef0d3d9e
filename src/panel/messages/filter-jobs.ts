// Filtering a connection's stored events, chunk by chunk, reporting matching seqs as it goes
// (first matches fast, the count grows). Runs in the filter worker (filter-worker.ts) so that a
// million-event scan never blocks the panel; the same code runs in-thread where no worker can be
// made. The messages are panel-internal (one bundle, both ends compiled together), so they are
// typed here rather than in contracts/protocol.ts, which is for messages between extension contexts.

import type { Db } from '../../store/db';
import { chunkRange, chunksAfter, fromChunk, type EventChunk } from '../../store/event-chunks';
import type { EventRow } from '../../contracts/model';
import { createMatcher, parseQuery, type FilterSpec, type Matcher } from './message-filter';
import type { ProtocolLabel } from './protocol-label';
import type { ConnectionDecode } from '../../protocols/connection-decoder';

export type FilterRequest =
  /** A new filter (replaces any job running): scan seqs 1…toSeq. */
  | { type: 'scan'; job: number; connectionId: string; spec: FilterSpec; toSeq: number }
  /** Live: the connection grew; scan on from where the job stopped up to toSeq. */
  | { type: 'extend'; job: number; toSeq: number }
  | { type: 'cancel'; job: number };

export interface FilterReply {
  type: 'matches';
  job: number;
  /** Seqs that matched since the previous reply, ascending. */
  seqs: number[];
  /** Every seq up to this one has been looked at. */
  scannedTo: number;
  hiddenHeartbeats: number;
  /** Nothing left to scan up to the last asked toSeq. */
  done: boolean;
  /** Annotating scans: protocol labels of the frames scanned since the previous reply. */
  labels?: ProtocolLabel[];
  /** The protocol the connection is decoded as ('' = unknown). */
  protocol?: string;
  /** Detail scans: the asked frame's decoding (null: its protocol is unknown or it is no message). */
  detail?: ConnectionDecode | null;
}

/** Chunks per IndexedDB read: small first (first results fast), then larger (fewer round trips). */
const FIRST_BATCH = 2;
const BATCH = 24;

interface Job {
  id: number;
  connectionId: string;
  spec: FilterSpec;
  matcher: Matcher;
  /** A lower-cased needle that can be looked for in a chunk's raw JSON before parsing it. */
  rawNeedle: string | null;
  scannedTo: number;
  toSeq: number;
  /** Key of the last chunk read whole (the next read starts after it). */
  lastChunkFirstSeq: number | null;
  running: boolean;
  /** A labelling scan that found no protocol: it answers "done" without reading on. */
  stopped?: boolean;
}

export function createFilterJobs(db: Promise<Db>, post: (reply: FilterReply) => void): (request: FilterRequest) => void {
  let job: Job | null = null;

  async function run(j: Job): Promise<void> {
    if (j.running) return;
    j.running = true;
    const d = await db;
    let batch = FIRST_BATCH;
    try {
      while (job === j && j.scannedTo < j.toSeq) {
        const from = j.scannedTo + 1;
        const to = j.toSeq;
        // Chunks are keyed [connectionId, firstSeq] and hold ≤ MAX_CHUNK_EVENTS consecutive seqs;
        // stored chunks never change, so the scan goes on after the last chunk it read.
        const range =
          j.lastChunkFirstSeq === null
            ? chunkRange(j.connectionId, from, to)
            : chunksAfter(j.connectionId, j.lastChunkFirstSeq, to);
        const asked = batch;
        const chunks = await d.getAll('eventChunks', range, asked);
        if (job !== j) return; // cancelled or replaced while reading
        batch = BATCH;
        const seqs: number[] = [];
        let reached = j.scannedTo;
        for (const c of chunks) {
          if (c.lastSeq < from) continue;
          scanChunk(j, c, from, to, seqs);
          reached = Math.max(reached, Math.min(c.lastSeq, to));
        }
        // A chunk that goes past `to` is read again by the next extend (only its later seqs count).
        const whole = chunks.filter((c) => c.lastSeq <= to).at(-1);
        if (whole) j.lastChunkFirstSeq = whole.firstSeq;
        // Fewer chunks than asked: that was everything stored up to `to`.
        if (chunks.length < asked) reached = to;
        j.scannedTo = reached;
        // A labelling scan of a connection of no known protocol would label nothing: stop reading.
        if (j.spec.annotate && j.spec.detailSeq === undefined && j.matcher.unknownProtocol()) {
          j.stopped = true;
          j.scannedTo = j.toSeq;
        }
        const labels = j.spec.annotate ? j.matcher.labels.splice(0) : undefined;
        // A labelling scan matches everything: its seqs would be the whole connection, unused.
        post({ type: 'matches', job: j.id, seqs: j.spec.annotate ? [] : seqs, scannedTo: j.scannedTo, hiddenHeartbeats: j.matcher.hiddenHeartbeats, done: j.scannedTo >= j.toSeq, ...(labels ? { labels, protocol: j.matcher.protocol } : {}), ...(j.matcher.detail !== undefined ? { detail: j.matcher.detail } : {}) });
      }
    } finally {
      j.running = false;
    }
  }

  return (request) => {
    switch (request.type) {
      case 'scan':
        job = {
          id: request.job,
          connectionId: request.connectionId,
          spec: request.spec,
          matcher: createMatcher(request.spec),
          rawNeedle: rawNeedleOf(request.spec),
          scannedTo: 0,
          toSeq: request.toSeq,
          lastChunkFirstSeq: null,
          running: false,
        };
        if (request.toSeq <= 0) post({ type: 'matches', job: request.job, seqs: [], scannedTo: 0, hiddenHeartbeats: 0, done: true });
        else void run(job);
        return;
      case 'extend':
        if (job?.id !== request.job || request.toSeq <= job.toSeq) return;
        job.toSeq = request.toSeq;
        if (job.stopped) {
          job.scannedTo = job.toSeq;
          post({ type: 'matches', job: job.id, seqs: [], scannedTo: job.scannedTo, hiddenHeartbeats: 0, done: true, labels: [], protocol: '' });
          return;
        }
        void run(job);
        return;
      case 'cancel':
        if (job?.id === request.job) job = null;
        return;
    }
  };
}

function scanChunk(j: Job, c: EventChunk, from: number, to: number, out: number[]): void {
  if (j.rawNeedle !== null && c.firstSeq >= from && c.lastSeq <= to && cannotMatch(c, j.rawNeedle)) return;
  for (const e of fromChunk(c, from, to)) if (j.matcher.matches(e)) out.push(e.seq);
}

/**
 * A plain-text query without heartbeat hiding can skip whole chunks without parsing them: the
 * payloads of a chunk are one string (`data`, never escaped), and in an old chunk the payload of
 * a text message appears verbatim in its JSON unless it has a character that JSON escapes.
 * Heartbeat detection must see every event, so it disables the shortcut.
 */
function rawNeedleOf(spec: FilterSpec): string | null {
  const q = parseQuery(spec.text);
  if (q.kind !== 'text' || spec.hideHeartbeats) return null;
  return q.needle;
}

/** True only when no event of the chunk can match: the needle is absent and every event is a plain text message (lifecycle rows and binary rows are searched by generated text). */
function cannotMatch(c: EventChunk, needle: string): boolean {
  const old = 'json' in c;
  // An old chunk's JSON escapes some characters: a needle with one of them may not appear verbatim.
  if (old && /["\\\u0000-\u001f]/.test(needle)) return false;
  const meta = old ? c.json : c.meta;
  if ((old ? c.json : c.data).toLowerCase().includes(needle)) return false;
  if (meta.includes('"binary":true') || meta.includes('"type":"open"') || meta.includes('"type":"error"') || meta.includes('"type":"close"')) return false;
  // A message without data is searched by "(payload not readable…)": every message must have data.
  return count(meta, '"type":"message"') === count(meta, old ? ',"data":' : '"dl":');
}

function count(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}
