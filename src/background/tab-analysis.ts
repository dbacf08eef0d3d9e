// Live findings for the tabs whose Realtime panel is open: after commits (debounced) the tab's
// whole session is analysed again by the same pure functions the export uses, and the result is
// pushed to its panels. EventSources of other tabs to the same origins are included: the
// per-origin connection pool is shared between tabs.

import { analyzeSession, type AnalysisOptions } from '../analysis';
import { readAnalysisInput } from '../export/analysis-input';
import type { Db } from '../store/db';
import type { ConnectionRow } from '../contracts/model';
import type { AnalysisMessage } from '../contracts/protocol';
import { allOf } from '../store/queries';

/** Wait this long after the last change before analysing (a burst is analysed once). */
export const ANALYSIS_DEBOUNCE_MS = 1000;
/**
 * …but never later than this after the first change still waiting: a page whose traffic commits
 * more often than the debounce would otherwise starve its panel of findings (the demo did).
 */
export const ANALYSIS_MAX_WAIT_MS = 3000;
/** Above this many events the tab is not analysed live (the export still analyses everything). */
export const MAX_LIVE_ANALYSIS_EVENTS = 200_000;
/** How soon a tab with a waiting recovery verdict is analysed again (docs/faults.md). */
export const VERDICT_RECHECK_MS = 2000;
/** 1-s rate buckets pushed live per connection. */
export const LIVE_RATE_BUCKETS = 60;

/** `options`: the user's per-URL sequence / timestamp field overrides (settings). */
export async function analyzeTab(db: Db, tabId: number, options?: AnalysisOptions): Promise<AnalysisMessage> {
  const own = await db.getAllFromIndex('connections', 'byTab', allOf(tabId));
  const origins = new Set(own.filter((c) => c.kind === 'eventsource').map((c) => c.origin));
  // An imported session (negative tabId, docs/viewer.md) shared no connection pool with anything
  // recorded here, and recorded tabs none with it.
  const others: ConnectionRow[] =
    origins.size === 0 || tabId < 0 ? [] : (await db.getAll('connections')).filter((c) => c.tabId !== tabId && c.tabId >= 0 && c.kind === 'eventsource' && origins.has(c.origin));
  const connections = [...own, ...others];
  const total = connections.reduce((n, c) => n + c.lastSeq, 0);
  if (total > MAX_LIVE_ANALYSIS_EVENTS) {
    return { type: 'analysis', tabId, findings: [], lineages: [], stats: [], skipped: `This tab has ${total.toLocaleString('en')} events: live findings stop above ${MAX_LIVE_ANALYSIS_EVENTS.toLocaleString('en')}. Export the session log to analyse all of it.` };
  }
  const input = await readAnalysisInput(db, connections);
  // Recovery verdicts judge "never reconnected" by the wall clock (nothing is recorded meanwhile).
  input.options = { ...options, verdictNow: Date.now() };
  const result = analyzeSession(input);
  const ownIds = new Set(own.map((c) => c.id));
  return {
    type: 'analysis',
    tabId,
    findings: result.findings.filter((f) => f.connectionIds.some((id) => ownIds.has(id))),
    lineages: result.lineages.filter((l) => ownIds.has(l.connectionId)),
    // The panel shows the last minute of rates; the export carries them all.
    stats: result.stats.filter((st) => ownIds.has(st.connectionId)).map((st) => ({ ...st, rates: st.rates.slice(-LIVE_RATE_BUCKETS) })),
    verdicts: result.verdicts.filter((v) => ownIds.has(v.connectionId)),
  };
}

export class TabAnalysis {
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  /** Per tab, when the oldest change still waiting for an analysis came. */
  private readonly waitingSince = new Map<number, number>();

  constructor(
    private readonly db: () => Promise<Db>,
    private readonly publish: (message: AnalysisMessage) => void,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = ANALYSIS_DEBOUNCE_MS,
    private readonly options: () => AnalysisOptions | undefined = () => undefined,
    private readonly maxWaitMs = ANALYSIS_MAX_WAIT_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Something changed in these tabs: analyse each again once things settle (or waited long enough). */
  changed(tabIds: Iterable<number>, delayMs = this.delayMs): void {
    for (const tabId of tabIds) {
      const since = this.waitingSince.get(tabId) ?? this.now();
      this.waitingSince.set(tabId, since);
      const wait = Math.max(0, Math.min(delayMs, since + this.maxWaitMs - this.now()));
      clearTimeout(this.timers.get(tabId));
      this.timers.set(
        tabId,
        setTimeout(() => {
          this.timers.delete(tabId);
          this.waitingSince.delete(tabId);
          this.db()
            .then((db) => analyzeTab(db, tabId, this.options()))
            .then((message) => {
              this.publish(message);
              // A verdict still waiting (no reconnect yet) is judged again when time has passed,
              // even if the page records nothing more (an app that never reconnects).
              if (message.verdicts?.some((v) => v.status === 'waiting')) this.changed([tabId], VERDICT_RECHECK_MS);
            }, this.onError);
        }, wait),
      );
    }
  }
}
