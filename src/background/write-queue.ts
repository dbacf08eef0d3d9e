// Coalesces everything accepted while a transaction is running into the next transaction, so the
// background writes a few large transactions instead of one per batch (ingest throughput), and
// calls back once a transaction is durably committed (acks to relays, live updates to panels).

import type { ConnectionRow, EventRow, PageRow, RequestRow, SourceRow, TabRow } from '../contracts/model';
import type { Changes, Storage } from './storage';

export interface PendingChanges {
  pages: Map<string, PageRow>;
  connections: Map<string, ConnectionRow>;
  events: EventRow[];
  sources: Map<string, SourceRow>;
  tabs: Map<number, TabRow>;
  requests: RequestRow[];
  /** Callbacks run after this set of changes is committed (true) or failed (false). */
  done: Array<(ok: boolean) => void>;
}

const emptyPending = (): PendingChanges => ({
  pages: new Map(),
  connections: new Map(),
  events: [],
  sources: new Map(),
  tabs: new Map(),
  requests: [],
  done: [],
});

/** Delay between a change and the transaction that writes it. */
export const COMMIT_DELAY_MS = 100;

export class WriteQueue {
  private pending = emptyPending();
  private writing: Promise<void> | null = null;
  private scheduled = false;
  private idleWaiters: Array<() => void> = [];
  committedEvents = 0;
  failedTransactions = 0;

  constructor(
    private readonly storage: Storage,
    private readonly onCommitted: (changes: Changes) => void,
    private readonly onFailed: (error: unknown, changes: Changes) => void,
    // Waiting a little before each transaction gathers a burst into fewer, larger transactions and
    // chunks: less IndexedDB work competing with the page for the CPU (measured on a 2-core machine;
    // 30 -> 100 ms took the WS small-text page cost from 1.60x to 1.35x: docs/benchmarks.md).
    private readonly schedule: (fn: () => void) => void = (fn) => setTimeout(fn, COMMIT_DELAY_MS),
  ) {}

  /** The changes that the next transaction will write; add to them, then call `kick()`. */
  get next(): PendingChanges {
    return this.pending;
  }

  kick(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      void this.write();
    });
  }

  isIdle(): boolean {
    return !this.writing && !this.scheduled && this.isEmpty(this.pending);
  }

  /** Resolves once everything queued so far is committed (or failed). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isEmpty(p: PendingChanges): boolean {
    return (
      p.pages.size === 0 && p.connections.size === 0 && p.events.length === 0 && p.sources.size === 0 && p.tabs.size === 0 && p.requests.length === 0 && p.done.length === 0
    );
  }

  private async write(): Promise<void> {
    if (this.writing) return;
    const batch = this.pending;
    this.pending = emptyPending();
    if (this.isEmpty(batch)) {
      this.settleIdle();
      return;
    }
    const changes: Changes = {
      pages: [...batch.pages.values()],
      connections: [...batch.connections.values()],
      events: batch.events,
      sources: [...batch.sources.values()],
      tabs: [...batch.tabs.values()],
      requests: batch.requests,
    };
    let ok = true;
    this.writing = this.storage.commit(changes).catch((error: unknown) => {
      ok = false;
      this.failedTransactions++;
      this.onFailed(error, changes);
    });
    await this.writing;
    this.writing = null;
    if (ok) this.committedEvents += changes.events.length;
    for (const fn of batch.done) fn(ok);
    if (ok) this.onCommitted(changes);
    if (!this.isEmpty(this.pending)) this.kick();
    else this.settleIdle();
  }

  /** Forget everything not yet written (after a failed transaction the caller rebuilds state). */
  discardPending(): PendingChanges {
    const dropped = this.pending;
    this.pending = emptyPending();
    return dropped;
  }

  private settleIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
