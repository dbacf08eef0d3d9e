// Enforces retention (age, total size) continuously and relieves the storage quota: after commits
// (throttled), at startup, and when a write fails with QuotaExceededError. Deletions run through
// Ingest.exclusive, so no record is applied or written while rows disappear, then the ingest
// forgets the deleted pages. Decisions come from the pure plans in retention-plan.ts.

import type { Db } from '../store/db';
import type { NoticeRow } from '../contracts/model';
import type { Settings } from '../contracts/settings';
import { deletePages, type Deleted } from './delete-pages';
import type { Ingest } from './ingest';
import { describeRemoval, writeNotice } from './notices';
import { planQuotaRelief, planRetention, type StoredPage } from './retention-plan';
import type { Changes } from './storage';

/** At most one retention pass per this interval while commits keep coming. */
export const RETENTION_THROTTLE_MS = 5000;
/** Quota relief frees at least this share of the estimated total (so it does not run per write). */
export const QUOTA_RELIEF_SHARE = 0.2;

export interface RetentionDeps {
  db: () => Promise<Db>;
  settings: () => Settings;
  /** Tabs open now: their current page load is never deleted. */
  openTabIds: () => Promise<Set<number>>;
  ingest: Pick<Ingest, 'exclusive' | 'forgetPages'>;
  onNotice?: (notice: NoticeRow) => void;
  onError?: (error: unknown) => void;
  /** navigator.storage.estimate().usage, recorded in notices as a cross-check of our estimate. */
  usage?: () => Promise<number | undefined>;
  now?: () => number;
  throttleMs?: number;
}

export function isQuotaError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'QuotaExceededError';
}

export class Retention {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastRun = 0;
  private relief: Promise<unknown> | null = null;
  /** A relief that found nothing to delete is reported once until a write succeeds again. */
  private reportedStuck = false;

  constructor(private readonly deps: RetentionDeps) {}

  /** Something was committed: run retention soon (at most once per throttle interval). */
  afterCommit(): void {
    this.reportedStuck = false;
    if (this.timer) return;
    const wait = Math.max(0, this.lastRun + (this.deps.throttleMs ?? RETENTION_THROTTLE_MS) - this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, wait);
  }

  /** One retention pass now; resolves with what was deleted. */
  async run(): Promise<Deleted | undefined> {
    this.lastRun = this.now();
    try {
      return await this.deps.ingest.exclusive(async () => {
        const s = this.deps.settings();
        if (s.retentionDays === 0 && s.retentionMaxBytes === 0) return undefined;
        const db = await this.deps.db();
        const { pages, protectedIds, openTabs } = await this.snapshot(db, new Set());
        const plan = planRetention(pages, { now: this.now(), retentionDays: s.retentionDays, retentionMaxBytes: s.retentionMaxBytes }, protectedIds);
        const total: Deleted = { pages: 0, connections: 0, bytes: 0 };
        if (plan.expired.length > 0) {
          const d = await this.remove(db, plan.expired, openTabs);
          add(total, d);
          await this.notice(db, 'retention', describeRemoval('age', d.pages, d.connections, d.bytes, `${s.retentionDays} day${s.retentionDays === 1 ? '' : 's'}`), plan.expired, d, plan.totalBytes);
        }
        if (plan.oversize.length > 0) {
          const d = await this.remove(db, plan.oversize, openTabs);
          add(total, d);
          await this.notice(db, 'retention', describeRemoval('size', d.pages, d.connections, d.bytes, `${(s.retentionMaxBytes / 1048576).toFixed(0)} MB`), plan.oversize, d, plan.totalBytes);
        }
        return total;
      });
    } catch (error) {
      this.deps.onError?.(error);
      return undefined;
    }
  }

  /**
   * A write failed. For QuotaExceededError: delete the oldest sessions (never the ones that write
   * was writing, never the current load of an open tab) before any further record is applied;
   * the relays resend what was not acknowledged, so the failed write is retried in full.
   */
  writeFailed(error: unknown, changes: Changes): void {
    if (!isQuotaError(error) || this.relief) return;
    const writing = new Set<string>([...changes.pages.map((p) => p.id), ...changes.connections.map((c) => c.pageId)]);
    const failedBytes = changes.events.reduce((n, e) => n + (e.data?.length ?? 0) + 64, 0);
    this.relief = this.deps.ingest
      .exclusive(async () => {
        const db = await this.deps.db();
        const { pages, protectedIds, openTabs } = await this.snapshot(db, writing);
        const total = pages.reduce((n, p) => n + p.bytes, 0);
        const chosen = planQuotaRelief(pages, Math.max(total * QUOTA_RELIEF_SHARE, failedBytes * 2), protectedIds);
        if (chosen.length === 0) {
          if (this.reportedStuck) return;
          this.reportedStuck = true;
          await this.notice(db, 'quota', 'Storage quota reached and only the sessions being recorded are left: new records are retried but cannot be stored until space is freed (Options → Clear all recorded data, or free disk space).', [], { pages: 0, connections: 0, bytes: 0 }, total);
          return;
        }
        const d = await this.remove(db, chosen, openTabs);
        await this.notice(db, 'quota', describeRemoval('quota', d.pages, d.connections, d.bytes, ''), chosen, d, total);
      }, false)
      .catch((e: unknown) => this.deps.onError?.(e))
      .finally(() => (this.relief = null));
  }

  /** For tests: resolves when a quota relief in progress is done. */
  async settled(): Promise<void> {
    await this.relief;
  }

  private async snapshot(db: Db, extraProtected: ReadonlySet<string>): Promise<{ pages: StoredPage[]; protectedIds: Set<string>; openTabs: Set<number> }> {
    const openTabs = await this.deps.openTabIds();
    const rows = await db.getAll('pages');
    const tabs = await db.getAll('tabs');
    const protectedIds = new Set(extraProtected);
    for (const t of tabs) if (openTabs.has(t.tabId)) protectedIds.add(t.pageId);
    // Imported sessions (negative tab ids) are the viewer's, not recordings: retention leaves them.
    const pages = rows.filter((p) => p.tabId >= 0).map((p) => ({ id: p.id, tabId: p.tabId, startedAt: p.startedAt, bytes: p.storedBytes ?? 0 }));
    return { pages, protectedIds, openTabs };
  }

  private async remove(db: Db, pages: StoredPage[], openTabs: Set<number>): Promise<Deleted> {
    const ids = new Set(pages.map((p) => p.id));
    const d = await deletePages(db, ids, openTabs);
    this.deps.ingest.forgetPages(ids);
    return d;
  }

  private async notice(db: Db, kind: NoticeRow['kind'], message: string, pages: StoredPage[], d: Deleted, estimatedTotal: number): Promise<void> {
    const usage = await this.deps.usage?.().catch(() => undefined);
    const details: Record<string, unknown> = {
      pageIds: pages.map((p) => p.id),
      tabIds: [...new Set(pages.map((p) => p.tabId))],
      pages: d.pages,
      connections: d.connections,
      bytes: d.bytes,
      estimatedTotalBytes: estimatedTotal,
    };
    if (usage !== undefined) details.storageUsageBytes = usage;
    const row = await writeNotice(db, { tabId: 0, t: this.now(), kind, message, details });
    this.deps.onNotice?.(row);
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

function add(total: Deleted, d: Deleted): void {
  total.pages += d.pages;
  total.connections += d.connections;
  total.bytes += d.bytes;
}
