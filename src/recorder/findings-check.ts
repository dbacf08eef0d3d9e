// Findings as test assertions: fail a test on a reconnect storm or an id gap with the finding
// sentences in the message. Pure (no browser, no test runner), so the same functions serve
// Playwright (`expect.extend`), Vitest and Jest (`expect.extend` takes the same matcher shape),
// node:test or a plain script.
import type { LogFinding, SessionLog } from '../contracts/session-log-format';

export type Severity = LogFinding['severity'];

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export interface FindingsCheckOptions {
  /** The lowest severity that counts. Default 'warning': `info` findings (a reconnect that worked) never fail a test. */
  severity?: Severity;
  /** Finding kinds to leave out (docs/findings.md), e.g. `['unidirectional-websocket']`. */
  ignore?: string[];
}

/** The log's findings at or above the severity, minus the ignored kinds. */
export function findingsAtLeast(log: Pick<SessionLog, 'findings'>, opts: FindingsCheckOptions = {}): LogFinding[] {
  const min = RANK[opts.severity ?? 'warning'];
  const ignore = new Set(opts.ignore ?? []);
  return log.findings.filter((f) => RANK[f.severity] >= min && !ignore.has(f.kind));
}

/** The failure text: which threshold, then one line per finding with its sentence. */
export function describeFindings(found: LogFinding[], opts: FindingsCheckOptions = {}): string {
  const head = `expected no Realtime Inspector findings of severity ${opts.severity ?? 'warning'} or above, found ${found.length}:`;
  return [head, ...found.map((f) => `  - ${f.severity} ${f.kind}: ${f.message}`)].join('\n');
}

/** Thrown by expectNoFindings; `findings` are the offending ones. */
export class FindingsAssertionError extends Error {
  override name = 'FindingsAssertionError';
  constructor(
    message: string,
    readonly findings: LogFinding[],
  ) {
    super(message);
  }
}

/** Throws FindingsAssertionError (with the finding sentences) when the log has findings at or above the severity. */
export function expectNoFindings(log: Pick<SessionLog, 'findings'>, opts: FindingsCheckOptions = {}): void {
  const found = findingsAtLeast(log, opts);
  if (found.length > 0) throw new FindingsAssertionError(describeFindings(found, opts), found);
}

/**
 * A matcher for `expect.extend({ toHaveNoFindings })` (Playwright, Vitest, Jest):
 * `expect(log).toHaveNoFindings({ severity: 'warning' })`. `.not` asserts there is at least one.
 */
export function toHaveNoFindings(this: { isNot?: boolean } | void, log: Pick<SessionLog, 'findings'>, opts: FindingsCheckOptions = {}): { pass: boolean; message: () => string } {
  if (!log || !Array.isArray(log.findings)) {
    return { pass: false, message: () => 'toHaveNoFindings: expected a session log (an object with a findings array)' };
  }
  const found = findingsAtLeast(log, opts);
  return {
    pass: found.length === 0,
    message: () => (found.length === 0 ? `expected Realtime Inspector findings of severity ${opts.severity ?? 'warning'} or above, found none` : describeFindings(found, opts)),
  };
}

/**
 * One line for a test's output: the log's size and its findings by severity and kind, e.g.
 * "Realtime Inspector: 3 connections, 57 events; findings: 1 warning (event-id-gap), 2 info (reconnect)".
 */
export function findingsSummary(log: Pick<SessionLog, 'findings' | 'connections' | 'events'>): string {
  const bySeverity = (['error', 'warning', 'info'] as const)
    .map((severity) => {
      const kinds = new Map<string, number>();
      for (const f of log.findings) if (f.severity === severity) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
      const total = [...kinds.values()].reduce((a, b) => a + b, 0);
      const list = [...kinds].map(([kind, n]) => (n > 1 ? `${kind} ×${n}` : kind)).join(', ');
      return total ? `${total} ${severity} (${list})` : '';
    })
    .filter(Boolean);
  const findings = bySeverity.length ? bySeverity.join(', ') : 'none';
  return `Realtime Inspector: ${log.connections.length} connections, ${log.events.length} events; findings: ${findings}`;
}
