// The UI side of filtering: starts a scan of the selected connection in the filter worker,
// accumulates the matching seqs as they come (the list renders them by index), follows the
// connection as it grows, and marks timings for the benchmark (performance marks
// `ri:filter-first` when the first results land, `ri:filter-done` when the scan is complete).

import type { Db } from '../../store/db';
import { createFilterJobs, type FilterReply, type FilterRequest } from './filter-jobs';
import type { FilterSpec } from './message-filter';
import type { ProtocolLabel } from './protocol-label';
import type { ConnectionDecode } from '../../protocols/connection-decoder';

/** Where requests go and replies come from: the worker, or the same code in-thread. */
export interface FilterTransport {
  post(request: FilterRequest): void;
  onReply(listener: (reply: FilterReply) => void): void;
  close(): void;
}

export interface FilterResult {
  /** Matching seqs so far, ascending. Grows in place (a million numbers are not copied per reply). */
  seqs: number[];
  scannedTo: number;
  /** The connection's lastSeq the scan runs to. */
  total: number;
  hiddenHeartbeats: number;
  done: boolean;
  /** Annotating scans: each frame's protocol label by seq. */
  labels: Map<number, ProtocolLabel>;
  /** The protocol the connection is decoded as ('' = unknown). */
  protocol: string;
  /** Detail scans: the asked frame's decoding, once the scan reached it. */
  detail?: ConnectionDecode | null;
}

let nextJob = 1;

export class FilterRunner {
  private job = 0;
  private marks = true;
  private connectionId = '';
  result: FilterResult | null = null;

  constructor(
    private readonly transport: FilterTransport,
    private readonly onUpdate: () => void,
  ) {
    transport.onReply((reply) => this.receive(reply));
  }

  start(connectionId: string, spec: FilterSpec, lastSeq: number): void {
    this.stop();
    this.job = nextJob++;
    this.connectionId = connectionId;
    // Labelling scans run beside the filter: the benchmark's marks time the filter only.
    this.marks = !spec.annotate;
    this.result = { seqs: [], scannedTo: 0, total: lastSeq, hiddenHeartbeats: 0, done: false, labels: new Map(), protocol: '' };
    if (this.marks) {
      performance.clearMarks('ri:filter-first');
      performance.clearMarks('ri:filter-done');
      performance.mark('ri:filter-start');
    }
    this.transport.post({ type: 'scan', job: this.job, connectionId, spec, toSeq: lastSeq });
  }

  /** The connection grew (live): scan the new events too. */
  grow(connectionId: string, lastSeq: number): void {
    const r = this.result;
    if (!r || connectionId !== this.connectionId || lastSeq <= r.total) return;
    r.total = lastSeq;
    r.done = false;
    this.transport.post({ type: 'extend', job: this.job, toSeq: lastSeq });
  }

  stop(): void {
    if (this.result) this.transport.post({ type: 'cancel', job: this.job });
    this.result = null;
  }

  close(): void {
    this.stop();
    this.transport.close();
  }

  private receive(reply: FilterReply): void {
    const r = this.result;
    if (!r || reply.job !== this.job) return; // a superseded scan
    const first = r.seqs.length === 0;
    for (const s of reply.seqs) r.seqs.push(s);
    for (const l of reply.labels ?? []) r.labels.set(l.seq, l);
    if (reply.protocol !== undefined) r.protocol = reply.protocol;
    if (reply.detail !== undefined) r.detail = reply.detail;
    r.scannedTo = reply.scannedTo;
    r.hiddenHeartbeats = reply.hiddenHeartbeats;
    r.done = reply.done && reply.scannedTo >= r.total;
    // First results: the first reply with matches (or the end of a scan that found none).
    if (this.marks && first && (reply.seqs.length > 0 || r.done) && performance.getEntriesByName('ri:filter-first').length === 0) performance.mark('ri:filter-first');
    if (this.marks && r.done && performance.getEntriesByName('ri:filter-done').length === 0) performance.mark('ri:filter-done');
    this.onUpdate();
  }
}

/** Filtering in a worker, so that scanning a million events never blocks the panel. */
export function workerTransport(): FilterTransport {
  const worker = new Worker(new URL('./filter-worker.ts', import.meta.url), { type: 'module' });
  return {
    post: (request) => worker.postMessage(request),
    onReply: (listener) => worker.addEventListener('message', (e: MessageEvent<FilterReply>) => listener(e.data)),
    close: () => worker.terminate(),
  };
}

/** The same jobs on the UI thread (where a worker cannot be created); still progressive. */
export function inThreadTransport(db: Db): FilterTransport {
  const listeners: Array<(reply: FilterReply) => void> = [];
  const handle = createFilterJobs(Promise.resolve(db), (reply) => listeners.forEach((l) => l(reply)));
  return {
    post: handle,
    onReply: (listener) => listeners.push(listener),
    close: () => handle({ type: 'cancel', job: -1 }),
  };
}
