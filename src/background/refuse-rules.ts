// "Refuse new connections for N seconds" after a drop (docs/faults.md): a declarativeNetRequest
// session rule that blocks requests of one tab to the dropped connection's URL (or origin), so
// the app's reconnects fail for real and its backoff shows. Session rules never outlive the
// browser; each is removed when its time is up, and a restarted background removes every rule of
// ours it finds (a restart ends a refusal early: the timers are gone with the old worker).
//
// Pure parts (the rule) are exported for tests; the timer and the browser API are injected.

/** Our rule ids: a range no other part of the extension uses. */
export const REFUSE_RULE_BASE = 16_000;
export const REFUSE_RULE_COUNT = 1000;

export interface RefuseRule {
  id: number;
  priority: number;
  action: { type: 'block' };
  condition: { regexFilter: string; tabIds: number[] };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A regex for the connection's URL without its query (reconnects often carry a new token or a
 * resume position there), or for its whole origin. WebSocket URLs match as ws(s):// and http(s)://
 * alike, since browsers do not agree on which one a rule sees.
 */
export function refuseFilter(url: string, scope: 'url' | 'origin'): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const secure = u.protocol === 'wss:' || u.protocol === 'https:';
  const scheme = secure ? '(wss|https)' : '(ws|http)';
  const host = escapeRe(u.host);
  if (scope === 'origin') return `^${scheme}://${host}/`;
  return `^${scheme}://${host}${escapeRe(u.pathname)}([?#]|$)`;
}

export function refuseRule(id: number, tabId: number, filter: string): RefuseRule {
  return { id, priority: 1, action: { type: 'block' }, condition: { regexFilter: filter, tabIds: [tabId] } };
}

export interface SessionRulesApi {
  updateSessionRules(o: { addRules?: RefuseRule[]; removeRuleIds?: number[] }): Promise<void>;
  getSessionRules(): Promise<Array<{ id: number }>>;
}

export class RefuseRules {
  private next = 0;

  constructor(
    private readonly api: SessionRulesApi,
    private readonly setTimer: (fn: () => void, ms: number) => void = (fn, ms) => void setTimeout(fn, ms),
  ) {}

  /** Removes rules of ours left by an earlier background (their timers died with it). */
  async removeStale(): Promise<void> {
    const ours = (await this.api.getSessionRules()).map((r) => r.id).filter((id) => id >= REFUSE_RULE_BASE && id < REFUSE_RULE_BASE + REFUSE_RULE_COUNT);
    if (ours.length > 0) await this.api.updateSessionRules({ removeRuleIds: ours });
  }

  /** Blocks the tab's requests matching `filter` for `ms`; resolves once the rule is in force. */
  async refuse(tabId: number, filter: string, ms: number): Promise<number> {
    const id = REFUSE_RULE_BASE + (this.next++ % REFUSE_RULE_COUNT);
    await this.api.updateSessionRules({ removeRuleIds: [id], addRules: [refuseRule(id, tabId, filter)] });
    this.setTimer(() => {
      this.api.updateSessionRules({ removeRuleIds: [id] }).catch(() => {});
    }, ms);
    return id;
  }
}
