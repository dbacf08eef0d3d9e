// The message list's view of one connection's events: rows are read from IndexedDB on demand, by
// seq range, and kept in a small LRU cache of fixed pages. A connection may hold millions of
// events; the panel holds at most `maxPages × PAGE_SIZE` of them, whatever is scrolled to.
// Live events from the port go straight into the pages already cached (no re-read).

import type { EventRow } from '../../contracts/model';

/** Events per cached page; page p holds seqs p·PAGE_SIZE+1 … (p+1)·PAGE_SIZE. */
export const PAGE_SIZE = 500;
/** 40 pages = 20,000 events: several screens either side of any scroll position. */
export const DEFAULT_MAX_PAGES = 40;

/** Reads events fromSeq..toSeq (inclusive) of the window's connection, in seq order. */
export type RangeReader = (fromSeq: number, toSeq: number) => Promise<EventRow[]>;

interface Page {
  /** events[seq - first], undefined where not (yet) known. */
  events: Array<EventRow | undefined>;
  /** The connection's last seq when this page was read: seqs up to it were stored by then. */
  readUpTo: number;
}

export const pageOf = (seq: number) => Math.floor((seq - 1) / PAGE_SIZE);

export class EventWindow {
  /** Map order is recency order: the first entry is the least recently used page. */
  private readonly pages = new Map<number, Page>();
  private readonly inFlight = new Set<number>();
  private closed = false;
  /** Bumped whenever rows arrive; components re-render on it. */
  version = 0;

  constructor(
    private readonly read: RangeReader,
    private readonly onChange: () => void = () => {},
    private readonly maxPages = DEFAULT_MAX_PAGES,
  ) {}

  /** The event with this seq, if cached (marks its page as recently used). */
  get(seq: number): EventRow | undefined {
    const p = pageOf(seq);
    const page = this.pages.get(p);
    if (!page) return undefined;
    this.pages.delete(p);
    this.pages.set(p, page);
    return page.events[seq - 1 - p * PAGE_SIZE];
  }

  /**
   * Makes sure the given seqs get loaded: reads every page that lacks one of them (once per
   * page at a time). `lastSeq` is the connection's last stored seq now: a page read when fewer
   * events existed is read again for the newer ones, but a seq missing from a page read after
   * it was stored is not asked for again (no read loop if it is truly absent).
   */
  want(seqs: Iterable<number>, lastSeq: number): void {
    const toRead = new Set<number>();
    for (const seq of seqs) {
      if (seq < 1 || seq > lastSeq) continue;
      const p = pageOf(seq);
      if (toRead.has(p) || this.inFlight.has(p)) continue;
      const page = this.pages.get(p);
      if (page && (page.events[seq - 1 - p * PAGE_SIZE] !== undefined || page.readUpTo >= seq)) continue;
      toRead.add(p);
    }
    for (const p of toRead) void this.readPage(p, lastSeq);
  }

  /** Live events of this connection: stored in the pages already cached (others are read when wanted). */
  put(events: readonly EventRow[]): void {
    let changed = false;
    for (const e of events) {
      const p = pageOf(e.seq);
      let page = this.pages.get(p);
      // Live traffic crossing into the next page while its predecessor is cached (the list
      // follows the live end): start the page here rather than read it back from IndexedDB.
      if (!page && e.seq === p * PAGE_SIZE + 1 && this.pages.has(p - 1)) {
        page = { events: [], readUpTo: p * PAGE_SIZE };
        this.pages.set(p, page);
        this.evict();
      }
      if (!page) continue;
      page.events[e.seq - 1 - p * PAGE_SIZE] = e;
      changed = true;
    }
    if (changed) this.changed();
  }

  /** Stops delivering reads (the connection was deselected). */
  close(): void {
    this.closed = true;
    this.pages.clear();
  }

  /** How many pages are cached (for tests and the memory budget). */
  get cachedPages(): number {
    return this.pages.size;
  }

  private async readPage(p: number, lastSeq: number): Promise<void> {
    this.inFlight.add(p);
    const first = p * PAGE_SIZE + 1;
    try {
      const rows = await this.read(first, Math.min(first + PAGE_SIZE - 1, lastSeq));
      if (this.closed) return;
      const page = this.pages.get(p) ?? { events: [], readUpTo: 0 };
      // Keep what live updates put in meanwhile; stored rows never change, so either copy is right.
      for (const e of rows) if (e.seq >= first && e.seq < first + PAGE_SIZE) page.events[e.seq - first] ??= e;
      page.readUpTo = Math.max(page.readUpTo, lastSeq);
      this.pages.delete(p);
      this.pages.set(p, page);
      this.evict();
      this.changed();
    } catch {
      // The database went away (extension reloaded): the rows stay placeholders.
    } finally {
      this.inFlight.delete(p);
    }
  }

  private evict(): void {
    while (this.pages.size > this.maxPages) {
      const oldest = this.pages.keys().next().value as number;
      this.pages.delete(oldest);
    }
  }

  private changed(): void {
    this.version++;
    this.onChange();
  }
}
