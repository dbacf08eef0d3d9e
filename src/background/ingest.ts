// Turns relay messages into stored rows. Every relay message is handled in arrival order on one
// chain, so seq numbers are assigned in the order the page produced the records. A batch is
// acknowledged only after the transaction holding it committed; a replayed batch (after a
// background restart) is recognised by its number and dropped, so the log has no hole and no
// duplicate. Everything that arrives from a page is validated here.

import type { ConnectionRow, SourceRow, TabRow } from '../contracts/model';
import {
  LIMITS,
  isHookRecord,
  type BackgroundToRelay,
  type BatchMessage,
  type CreateRecord,
  type HelloMessage,
  type HookRecord,
  type IngestStats,
} from '../contracts/protocol';
import { applyRecord, newConnectionRow, originOf } from './connection-rows';
import type { NetworkConnection } from './network-connections';
import { networkConnectionRow, networkEnd } from './network-rows';
import { StreamRows } from './stream-rows';
import { STREAM_CLOCK_SLACK_MS } from './stream-requests';
import { newId } from './ids';
import { capPayload } from './payload-cap';
import type { Changes, Storage } from './storage';
import { WriteQueue } from './write-queue';
import type { PortSender } from '../contracts/port';
import { unframeBatch } from '../contracts/batch-frame';

/** A connection created this soon after its page load ended was created by the unload itself. */
const UNLOAD_CREATE_WINDOW_MS = 1000;
/** How far a hook connection's creation may be from a network observation's request and still claim it. */
const NETWORK_CLAIM_SLACK_MS = 5000;
/** Bound on the network-only rows awaiting their end, and on the hook connections that claimed one. */
const MAX_NETWORK_ROWS = 1000;

/** Where an accepted batch's acknowledgement goes (the relay's port). */
export type RelayEndpoint = PortSender<BackgroundToRelay>;

/** What the browser tells us about the sender; never taken from the message itself. */
export interface SenderInfo {
  tabId: number;
  frameId: number;
  tabUrl?: string;
}

interface SourceState {
  row: SourceRow;
  /** Highest batch number accepted into memory. */
  acceptedNo: number;
  /** Highest batch number durably committed (row.lastBatchNo may be ahead while a write is in flight). */
  committedNo: number;
  endpoint: RelayEndpoint | null;
  /** Connections of this source by the hook's local number; null = known not to exist. */
  conns: Map<number, ConnectionRow | null>;
  /** URL of the top-level document it belongs to (recording scope). */
  topUrl?: string;
  /** Connections created while their site was not recorded: their records are dropped too. */
  unrecorded: Set<number>;
}

/** What the user's settings decide at ingest (src/contracts/settings.ts); read on every record. */
export interface IngestPolicy {
  /** Whether documents under this top-level URL are recorded. */
  isRecorded(topUrl: string | undefined): boolean;
  /** Payload bytes kept per message (at most the hook's cap). */
  payloadCapBytes(): number;
}


export interface IngestOptions {
  storage: Storage;
  onCommitted?: (changes: Changes) => void;
  onError?: (error: unknown) => void;
  payloadCap?: number;
  schedule?: (fn: () => void) => void;
  policy?: IngestPolicy;
  /** The webRequest side of streamed fetch responses (stream-requests.ts): method and timing. */
  streamRequests?: { take(tabId: number, url: string, t: number): { method: string; requestStartedAt: number; responseStartedAt: number; lastEventId?: string } | undefined };
  /** A transaction failed (after memory was reset; relays will resend): e.g. quota relief. */
  onWriteFailed?: (error: unknown, changes: Changes) => void;
}

export class Ingest {
  readonly queue: WriteQueue;
  readonly stats: IngestStats = { batches: 0, batchChars: 0, records: 0, invalidRecords: 0, invalidBatches: 0, replayedBatches: 0, outOfOrderBatches: 0 };
  /** Records dropped because their site is not recorded (settings), acknowledged all the same. */
  notRecorded = 0;
  private readonly policy: IngestPolicy | undefined;
  private readonly sources = new Map<string, SourceState>();
  private readonly tabs = new Map<number, TabRow>();
  /** Pages known to be stored (rewriting one is harmless: the row is the same). */
  private readonly pagesWritten = new Set<string>();
  /** Page loads that went away, with when (bounded: only the latest few matter). */
  private readonly endedPages = new Map<string, number>();
  private chain: Promise<void> = Promise.resolve();
  private readonly storage: Storage;
  private readonly payloadCap: number;
  private readonly onError: (error: unknown) => void;
  /** Decoders and parsers of the fetch streams being read (stream-rows.ts). */
  private readonly streams = new StreamRows();
  private readonly streamRequests: IngestOptions['streamRequests'];
  /** Network-only connections by webRequest id, until their end; hook connections a network one matched. */
  private readonly network = new Map<string, ConnectionRow>();
  private readonly claimed = new Set<string>();
  private networkLocalIds = 0;
  /** The latest hook connections (bounded), matched against network observations. */
  private readonly recentHooked: ConnectionRow[] = [];
  /** Deleted page loads and closed tabs: network observations never write rows for them. */
  private readonly forgottenPages = new Set<string>();
  private readonly closedTabs = new Set<number>();
  /** Pages loaded before this (a "clear all") are deleted. */
  private networkCutoff = 0;

  constructor(opts: IngestOptions) {
    this.storage = opts.storage;
    this.payloadCap = opts.payloadCap ?? LIMITS.payloadCapBytes;
    this.onError = opts.onError ?? (() => {});
    this.policy = opts.policy;
    this.streamRequests = opts.streamRequests;
    this.queue = new WriteQueue(
      opts.storage,
      (changes) => {
        this.sweepDisconnected();
        opts.onCommitted?.(changes);
      },
      (error, changes) => {
        this.recoverFromFailedWrite(error);
        opts.onWriteFailed?.(error, changes);
      },
      opts.schedule,
    );
  }

  hello(endpoint: RelayEndpoint, sender: SenderInfo, msg: HelloMessage): Promise<void> {
    return this.enqueue(() => this.handleHello(endpoint, sender, msg));
  }

  batch(endpoint: RelayEndpoint, msg: BatchMessage): Promise<void> {
    return this.enqueue(() => this.handleBatch(endpoint, msg));
  }

  /** The relay's port closed (frame gone, or bfcache): its state is dropped once written. */
  disconnected(endpoint: RelayEndpoint): void {
    for (const s of this.sources.values()) if (s.endpoint === endpoint) s.endpoint = null;
    this.queue.kick();
  }

  /** The tab was closed: its connections end with it. */
  tabClosed(tabId: number, t: number): Promise<void> {
    this.closedTabs.add(tabId);
    if (this.closedTabs.size > MAX_NETWORK_ROWS) this.closedTabs.delete(this.closedTabs.values().next().value!);
    return this.enqueue(async () => {
      const tab = this.tabs.get(tabId) ?? (await this.storage.loadTab(tabId));
      if (tab) await this.endConnectionsOfPage(tab.pageId, t, 'tab-closed');
    });
  }

  /** Resolves when every message received so far is processed and committed. */
  async idle(): Promise<void> {
    let chain: Promise<void>;
    do {
      chain = this.chain;
      await chain;
      await this.queue.idle();
    } while (chain !== this.chain || !this.queue.isIdle());
  }

  /**
   * Runs `fn` (e.g. deleting old sessions) when nothing is being applied or written: queued
   * behind every message received so far, and no message is applied until it is done.
   * Errors of `fn` reach onError and resolve to undefined.
   */
  exclusive<T>(fn: () => Promise<T>, waitForWrites = true): Promise<T | undefined> {
    let result: T | undefined;
    return this.enqueue(async () => {
      // After a failed write the queue may keep failing (it rewrites the sources' rows) until
      // space is freed: quota relief must not wait for it. Nothing else is pending then.
      if (waitForWrites) await this.queue.idle();
      result = await fn();
    }).then(() => result);
  }

  /**
   * These page loads were deleted (retention, quota, "clear all"): forget their connections so
   * that later records of them are not written back as rows without a page. Their relays stay
   * acknowledged; a new connection on such a page starts a new page row.
   */
  forgetPages(pageIds: ReadonlySet<string> | 'all'): void {
    const gone = (id: string) => pageIds === 'all' || pageIds.has(id);
    for (const s of this.sources.values()) {
      if (!gone(s.row.pageId)) continue;
      for (const [local, conn] of s.conns) if (conn) s.conns.set(local, null);
    }
    for (const id of [...this.pagesWritten]) if (gone(id)) this.pagesWritten.delete(id);
    // A network-only observation arriving later must not write such a page back.
    if (pageIds === 'all') this.networkCutoff = Date.now();
    else for (const id of pageIds) this.forgottenPages.add(id);
    while (this.forgottenPages.size > MAX_NETWORK_ROWS) this.forgottenPages.delete(this.forgottenPages.values().next().value!);
  }

  /**
   * A stream response webRequest saw after the hook reported its connection: joins it to the
   * oldest fetch-stream connection of the tab with that URL that has none yet, created after
   * the response's headers arrived (CLOCK_SLACK_MS of slack: the page's clock and webRequest's
   * differ a little). A connection made before this response, e.g. an unjoined clone, cannot take it.
   */
  claimStreamRequest(tabId: number, r: { url: string; method: string; requestStartedAt: number; responseStartedAt: number; lastEventId?: string }): boolean {
    let best: ConnectionRow | undefined;
    for (const s of this.sources.values()) {
      if (s.row.tabId !== tabId) continue;
      for (const c of s.conns.values()) {
        if (!c || c.kind !== 'fetch-stream' || c.url !== r.url || c.requestStartedAt !== undefined || c.createdAt < r.responseStartedAt - STREAM_CLOCK_SLACK_MS) continue;
        if (!best || c.createdAt < best.createdAt) best = c;
      }
    }
    if (!best) return false;
    best.method = r.method;
    best.requestStartedAt = r.requestStartedAt;
    best.responseStartedAt = r.responseStartedAt;
    if (r.lastEventId !== undefined) best.requestLastEventId = r.lastEventId;
    this.queue.next.connections.set(best.id, best);
    this.queue.kick();
    return true;
  }

  /**
   * A connection webRequest saw (network-connections.ts), some time after it opened: stored as a
   * network-only connection unless a connection the hook recorded in that tab claims it (same
   * kind and URL, created around its request; each hook connection claims one). Requests tied
   * to no tab (SharedWorkers) go to the tab whose current top-level page has their origin (the
   * newest such load). Later ends arrive through networkEnded().
   */
  networkConnection(c: NetworkConnection): Promise<void> {
    return this.enqueue(async () => {
      if (c.tabId >= 0 && this.claimedByHook(c)) return;
      const tab = c.tabId >= 0 ? (this.tabs.get(c.tabId) ?? (await this.storage.loadTab(c.tabId))) : this.newestTabOf(c.initiatorOrigin);
      if (!tab || (this.policy && !this.policy.isRecorded(tab.url))) return;
      // A closed tab, or a page load the user or retention deleted meanwhile: nothing to show it in.
      if (this.closedTabs.has(tab.tabId) || this.forgottenPages.has(tab.pageId) || tab.startedAt <= this.networkCutoff) return;
      const next = this.queue.next;
      if (!this.pagesWritten.has(tab.pageId)) {
        next.pages.set(tab.pageId, { id: tab.pageId, tabId: tab.tabId, url: tab.url, startedAt: tab.startedAt });
        this.pagesWritten.add(tab.pageId);
      }
      const { row, events } = networkConnectionRow(c, { id: newId('c'), localId: ++this.networkLocalIds }, tab);
      this.network.set(c.requestId, row);
      if (this.network.size > MAX_NETWORK_ROWS) this.network.delete(this.network.keys().next().value!);
      next.connections.set(row.id, row);
      next.events.push(...events);
      this.queue.kick();
    });
  }

  /** An HTTP stream that networkConnection() stored has ended. */
  networkEnded(c: NetworkConnection): Promise<void> {
    return this.enqueue(async () => {
      const row = this.network.get(c.requestId);
      if (!row) return; // claimed by the hook, or not stored yet (then it is stored ended)
      this.network.delete(c.requestId);
      if (row.state === 'closed') return;
      const ev = networkEnd(row, c);
      this.queue.next.connections.set(row.id, row);
      if (ev) this.queue.next.events.push(ev);
      this.queue.kick();
    });
  }

  private claimedByHook(c: NetworkConnection): boolean {
    const from = c.requestStartedAt - NETWORK_CLAIM_SLACK_MS;
    const to = (c.openedAt ?? c.requestStartedAt) + NETWORK_CLAIM_SLACK_MS;
    for (const conn of this.recentHooked) {
      // HTTP streams claim each other whatever the Accept header said (fetch-event-source sends
      // `Accept: text/event-stream` from fetch()); a WebSocket only a WebSocket.
      if (conn.tabId !== c.tabId || (conn.kind === 'websocket') !== (c.kind === 'websocket') || conn.createdAt > to) continue;
      if (conn.url !== c.url && conn.responseUrl !== c.url) continue;
      // An EventSource makes one request per (re)connect for as long as it lives.
      if (conn.kind === 'eventsource') {
        if (conn.closedAt === undefined || conn.closedAt >= from) return true;
        continue;
      }
      if (this.claimed.has(conn.id) || conn.createdAt < from) continue;
      this.claimed.add(conn.id);
      if (this.claimed.size > MAX_NETWORK_ROWS) this.claimed.delete(this.claimed.values().next().value!);
      return true;
    }
    return false;
  }

  private newestTabOf(origin: string): TabRow | undefined {
    let best: TabRow | undefined;
    for (const t of this.tabs.values()) if (originOf(t.url) === origin && (!best || t.startedAt > best.startedAt)) best = t;
    return best;
  }

  /** The top-level URL of a tab's current load, if known in memory (recording scope of requests). */
  topUrlOfTab(tabId: number): string | undefined {
    return this.tabs.get(tabId)?.url;
  }

  /**
   * A connection a fault can reach (faults.ts): by id, or the newest open one whose URL contains
   * `urlIncludes` (in `tabId` when given), with its document's relay port. Only what is in memory:
   * the relay of a document recording nothing since a background restart has no port yet.
   */
  faultTarget(q: { connectionId?: string; tabId?: number; urlIncludes?: string }): { conn: ConnectionRow; endpoint: RelayEndpoint | null } | undefined {
    let best: { conn: ConnectionRow; endpoint: RelayEndpoint | null } | undefined;
    for (const s of this.sources.values()) {
      if (q.tabId !== undefined && s.row.tabId !== q.tabId) continue;
      for (const c of s.conns.values()) {
        if (!c) continue;
        if (q.connectionId !== undefined) {
          if (c.id === q.connectionId) return { conn: c, endpoint: s.endpoint };
          continue;
        }
        if (c.state !== 'open' || c.kind === 'fetch-stream' || (q.urlIncludes !== undefined && !c.url.includes(q.urlIncludes))) continue;
        if (!best || c.createdAt > best.conn.createdAt) best = { conn: c, endpoint: s.endpoint };
      }
    }
    return best;
  }

  relayEndpoints(): RelayEndpoint[] {
    const out = new Set<RelayEndpoint>();
    for (const s of this.sources.values()) if (s.endpoint) out.add(s.endpoint);
    return [...out];
  }

  private enqueue(fn: () => Promise<void>): Promise<void> {
    const next = this.chain.then(fn).catch((error: unknown) => this.onError(error));
    this.chain = next;
    return next;
  }

  private async handleHello(endpoint: RelayEndpoint, sender: SenderInfo, msg: HelloMessage): Promise<void> {
    const known = this.sources.get(msg.sourceId);
    if (known) {
      known.endpoint = endpoint;
      return;
    }
    const stored = await this.storage.loadSource(msg.sourceId);
    if (stored) {
      // A relay reconnecting after the background restarted (or a page back from bfcache).
      stored.tabId = sender.tabId; // prerendered pages change tab when activated
      const state: SourceState = { row: stored, acceptedNo: stored.lastBatchNo, committedNo: stored.lastBatchNo, endpoint, conns: new Map(), unrecorded: new Set() };
      this.sources.set(msg.sourceId, state);
      state.topUrl = stored.isTop ? stored.frameUrl : sender.tabUrl;
      if (stored.isTop) {
        const tab = await this.storage.loadTab(sender.tabId);
        if (tab && tab.topSourceId === stored.sourceId) this.tabs.set(tab.tabId, tab);
      }
      return;
    }
    const next = this.queue.next;
    let tab: TabRow | undefined;
    if (msg.isTop && sender.frameId === 0) {
      // A new top-level load of the tab: connections still open on the previous one ended with it.
      const previous = this.tabs.get(sender.tabId) ?? (await this.storage.loadTab(sender.tabId));
      if (previous) await this.endConnectionsOfPage(previous.pageId, msg.timeOrigin, 'page-unloaded');
      tab = { tabId: sender.tabId, pageId: newId('p'), url: msg.frameUrl, startedAt: msg.timeOrigin, topSourceId: msg.sourceId };
      this.tabs.set(sender.tabId, tab);
      next.tabs.set(tab.tabId, tab);
    } else {
      tab = this.tabs.get(sender.tabId) ?? (await this.storage.loadTab(sender.tabId));
      if (!tab) {
        // A frame whose top document we never heard of (not http(s), or loaded before install).
        tab = { tabId: sender.tabId, pageId: newId('p'), url: sender.tabUrl ?? msg.frameUrl, startedAt: Date.now() };
        next.tabs.set(tab.tabId, tab);
      }
      this.tabs.set(sender.tabId, tab);
    }
    const row: SourceRow = {
      sourceId: msg.sourceId,
      tabId: sender.tabId,
      frameId: sender.frameId,
      pageId: tab.pageId,
      frameUrl: msg.frameUrl,
      isTop: msg.isTop && sender.frameId === 0,
      timeOrigin: msg.timeOrigin,
      lastBatchNo: 0,
    };
    this.sources.set(row.sourceId, { row, acceptedNo: 0, committedNo: 0, endpoint, conns: new Map(), topUrl: tab.url, unrecorded: new Set() });
    next.sources.set(row.sourceId, row);
    this.queue.kick();
  }

  private async handleBatch(endpoint: RelayEndpoint, msg: BatchMessage): Promise<void> {
    const src = this.sources.get(msg.sourceId);
    // A batch must come after its own relay's hello, on the same port: a page cannot write into
    // another document's (or tab's) stream, since it never learns that relay's sourceId.
    if (!src || src.endpoint !== endpoint) return;
    if (__RI_ABLATE__ === 'background-drop') {
      endpoint.postMessage({ type: 'ack', upTo: msg.batchNo });
      return;
    }
    if (msg.batchNo <= src.acceptedNo) {
      this.stats.replayedBatches++;
      if (msg.batchNo <= src.committedNo) endpoint.postMessage({ type: 'ack', upTo: src.committedNo });
      return;
    }
    if (msg.batchNo !== src.acceptedNo + 1) {
      // An earlier batch is missing (a failed write); the relay resends from it.
      this.stats.outOfOrderBatches++;
      return;
    }
    src.acceptedNo = msg.batchNo;
    this.stats.batches++;
    this.stats.batchChars += msg.payload.length;

    // The batch's JSON, with large payloads framed after it (contracts/batch-frame.ts).
    const records = unframeBatch(msg.payload);
    if (!records || records.length > LIMITS.maxRecordsPerBatch) {
      this.stats.invalidBatches++;
    } else {
      for (const rec of records) {
        if (!isHookRecord(rec, this.payloadCap)) {
          this.stats.invalidRecords++;
          continue;
        }
        this.stats.records++;
        // Most records apply synchronously: no promise and no microtask per record.
        const pending = this.applyOne(src, rec);
        if (pending) await pending;
      }
    }

    const next = this.queue.next;
    next.sources.set(src.row.sourceId, src.row);
    const batchNo = msg.batchNo;
    next.done.push((ok) => {
      if (!ok) return;
      if (batchNo > src.committedNo) src.committedNo = batchNo;
      src.endpoint?.postMessage({ type: 'ack', upTo: src.committedNo });
    });
    // The row written in this transaction must already carry the batch number it commits.
    src.row.lastBatchNo = Math.max(src.row.lastBatchNo, batchNo);
    this.queue.kick();
  }

  /**
   * Applies one record. Returns a promise only when IndexedDB must be read first (a page's first
   * connection, or a connection no longer in memory after a restart); otherwise nothing.
   */
  private applyOne(src: SourceState, rec: HookRecord): Promise<void> | undefined {
    // Recording scope: decided per record, so a settings change applies at once. A connection
    // created while its site was not recorded stays unrecorded (no half connections).
    if (src.unrecorded.has(rec.c) || (this.policy && !this.policy.isRecorded(src.topUrl))) {
      this.notRecorded++;
      if (rec.k === 'create') src.unrecorded.add(rec.c);
      return undefined;
    }
    if (rec.k === 'create') {
      if (src.conns.get(rec.c)) {
        this.stats.invalidRecords++; // a second create for the same number: forged
        return undefined;
      }
      if (!this.pagesWritten.has(src.row.pageId)) return this.writePage(src.row).then(() => this.createConnection(src, rec));
      this.createConnection(src, rec);
      return undefined;
    }
    const conn = src.conns.get(rec.c);
    if (conn === undefined) {
      return this.storage.loadConnection(src.row.sourceId, rec.c).then((loaded) => {
        src.conns.set(rec.c, loaded ?? null);
        this.applyToConnection(rec, loaded ?? null);
      });
    }
    this.applyToConnection(rec, conn);
    return undefined;
  }

  private createConnection(src: SourceState, rec: CreateRecord): void {
    const conn = newConnectionRow(rec, {
      id: newId('c'),
      pageId: src.row.pageId,
      tabId: src.row.tabId,
      sourceId: src.row.sourceId,
      frameId: src.row.frameId,
      sourceFrameUrl: src.row.frameUrl,
    });
    // Created by a page load that is already gone (a client reconnecting from the close its
    // unload caused, its record arriving after the next load's hello): never open. Only
    // around the unload: a page restored from the back/forward cache creates sockets later.
    const endedAt = this.endedPages.get(src.row.pageId);
    if (endedAt !== undefined && rec.t <= endedAt + UNLOAD_CREATE_WINDOW_MS) {
      conn.state = 'closed';
      conn.closedAt = rec.t;
      conn.ended = 'page-unloaded';
    }
    if (conn.kind === 'fetch-stream') {
      const req = this.streamRequests?.take(conn.tabId, conn.url, rec.t);
      if (req) {
        conn.method = req.method;
        conn.requestStartedAt = req.requestStartedAt;
        conn.responseStartedAt = req.responseStartedAt;
        if (req.lastEventId !== undefined) conn.requestLastEventId = req.lastEventId;
      }
    }
    src.conns.set(rec.c, conn);
    // Kept apart from the sources (swept when their document goes, nulled when their page is
    // deleted) so that the network's view of this connection, coming later, is still matched.
    this.recentHooked.push(conn);
    if (this.recentHooked.length > MAX_NETWORK_ROWS) this.recentHooked.shift();
    this.queue.next.connections.set(conn.id, conn);
  }

  private applyToConnection(rec: Exclude<HookRecord, CreateRecord>, conn: ConnectionRow | null): void {
    if (!conn) {
      this.stats.invalidRecords++;
      return;
    }
    const next = this.queue.next;
    if (conn.kind === 'fetch-stream' && (rec.k === 'message' || rec.k === 'stream-end')) {
      for (const e of this.streams.apply(conn, rec)) {
        if (this.policy) capPayload(e, this.policy.payloadCapBytes());
        next.events.push(e);
      }
      next.connections.set(conn.id, conn);
      return;
    }
    const ev = applyRecord(conn, rec);
    if (ev && this.policy) capPayload(ev, this.policy.payloadCapBytes());
    if (ev) next.events.push(ev);
    next.connections.set(conn.id, conn);
  }

  /** A page row is written with its first connection (loads without connections leave no page). */
  private async writePage(src: SourceRow): Promise<void> {
    const tab = this.tabs.get(src.tabId) ?? (await this.storage.loadTab(src.tabId));
    const page =
      tab && tab.pageId === src.pageId
        ? { id: tab.pageId, tabId: tab.tabId, url: tab.url, startedAt: tab.startedAt }
        : { id: src.pageId, tabId: src.tabId, url: src.frameUrl, startedAt: src.timeOrigin };
    this.queue.next.pages.set(page.id, page);
    this.pagesWritten.add(page.id);
  }

  private async endConnectionsOfPage(pageId: string, t: number, why: 'page-unloaded' | 'tab-closed'): Promise<void> {
    const next = this.queue.next;
    this.endedPages.set(pageId, t);
    if (this.endedPages.size > 100) this.endedPages.delete(this.endedPages.keys().next().value!);
    // Rows in memory are the newest; the rest come from IndexedDB (their sources may be swept).
    const inMemory = new Map<string, ConnectionRow>();
    for (const s of this.sources.values()) {
      if (s.row.pageId !== pageId) continue;
      for (const conn of s.conns.values()) if (conn) inMemory.set(conn.id, conn);
    }
    for (const row of await this.storage.loadConnectionsOfPage(pageId)) {
      const pending = next.connections.get(row.id);
      if (!inMemory.has(row.id)) inMemory.set(row.id, pending ?? row);
    }
    for (const conn of inMemory.values()) {
      if (conn.state === 'closed') {
        // Ended by the browser during the unload (Firefox closes a leaving page's WebSockets
        // with 1001 after the next load started, and the record may beat this hello): the page
        // going away ended it, which the analysis must know (src/analysis/page-end.ts).
        if (conn.ended === undefined && conn.closedAt !== undefined && conn.closedAt >= t) {
          conn.ended = why;
          next.connections.set(conn.id, conn);
        }
        continue;
      }
      conn.state = 'closed';
      conn.closedAt = t;
      conn.ended = why;
      next.connections.set(conn.id, conn);
    }
    this.queue.kick();
  }

  private sweepDisconnected(): void {
    for (const [id, s] of this.sources) {
      if (s.endpoint === null && s.acceptedNo === s.committedNo && !this.queue.next.sources.has(id)) this.sources.delete(id);
    }
  }

  /**
   * A transaction failed: what is in memory is ahead of what is stored. Forget it all; relays
   * still hold every unacknowledged batch and resend it, and state reloads from IndexedDB.
   */
  private recoverFromFailedWrite(error: unknown): void {
    this.onError(error);
    const dropped = this.queue.discardPending();
    for (const fn of dropped.done) fn(false);
    for (const s of this.sources.values()) {
      s.acceptedNo = s.committedNo;
      s.row.lastBatchNo = s.committedNo;
      s.conns.clear(); // reloaded from IndexedDB on demand
      this.queue.next.sources.set(s.row.sourceId, s.row); // a source created in the failed write is written again
    }
    this.tabs.clear();
    this.pagesWritten.clear();
    this.streams.clear();
  }
}
