import { describe, expect, it } from 'vitest';
import { analyzeSession } from '../analysis';
import { Scenario } from '../analysis/test-scenario';
import type { LogFinding, SessionLog } from '../contracts/session-log-format';
import { FindingsAssertionError, expectNoFindings, findingsAtLeast, findingsSummary, toHaveNoFindings } from './findings-check';

/** A log-shaped object from the real analysis over one WebSocket whose `seq` field runs 1..n, minus `skip`. */
function wsLog(n: number, skip: number[] = []): Pick<SessionLog, 'findings' | 'connections' | 'events'> {
  const s = new Scenario();
  const ws = s.ws('c1', 1000).open(1001);
  for (let seq = 1; seq <= n; seq++) if (!skip.includes(seq)) ws.json(1001 + seq * 10, { type: 'bot', seq });
  const input = s.input();
  const { findings } = analyzeSession(input);
  return { findings: findings as LogFinding[], connections: input.connections as unknown as SessionLog['connections'], events: input.events as unknown as SessionLog['events'] };
}

const finding = (severity: LogFinding['severity'], kind: string, message = `${kind} happened`): LogFinding => ({ id: `${kind}-1`, kind, severity, t: 1, connectionIds: ['c1'], message, evidence: {} });

describe('findings as assertions', () => {
  it('passes on healthy traffic (a gap-free sequence)', () => {
    const log = wsLog(20);
    expect(findingsAtLeast(log)).toEqual([]);
    expect(() => expectNoFindings(log)).not.toThrow();
    expect(toHaveNoFindings(log).pass).toBe(true);
  });

  it('fails on an id gap with the finding sentence in the message', () => {
    const log = wsLog(20, [8, 9]);
    let error: unknown;
    try {
      expectNoFindings(log, { severity: 'warning' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FindingsAssertionError);
    const { message, findings } = error as FindingsAssertionError;
    expect(findings.map((f) => f.kind)).toEqual(['event-id-gap']);
    const lines = message.split('\n');
    expect(lines[0]).toBe('expected no Realtime Inspector findings of severity warning or above, found 1:');
    // The analysis's own sentence, whole: it names the socket and the missing ids.
    expect(lines[1]).toBe(`  - warning event-id-gap: ${findings[0]!.message}`);
    expect(findings[0]!.message).toMatch(/ws:\/\/127\.0\.0\.1:9000\/ws/);
    expect(findings[0]!.message).toMatch(/8.9|8–9/);
    const matcher = toHaveNoFindings(log);
    expect(matcher.pass).toBe(false);
    expect(matcher.message()).toBe(message);
  });

  it('counts by severity threshold and ignores the listed kinds', () => {
    const log = { findings: [finding('info', 'reconnect'), finding('warning', 'event-id-gap'), finding('error', 'stalled-connect')] };
    expect(findingsAtLeast(log).map((f) => f.kind)).toEqual(['event-id-gap', 'stalled-connect']);
    expect(findingsAtLeast(log, { severity: 'error' }).map((f) => f.kind)).toEqual(['stalled-connect']);
    expect(findingsAtLeast(log, { severity: 'info' })).toHaveLength(3);
    expect(findingsAtLeast(log, { ignore: ['event-id-gap'] }).map((f) => f.kind)).toEqual(['stalled-connect']);
    expect(() => expectNoFindings(log, { severity: 'error', ignore: ['stalled-connect'] })).not.toThrow();
  });

  it('works as an expect.extend matcher (vitest here; Playwright and Jest take the same shape)', () => {
    expect.extend({ toHaveNoFindings });
    const e = expect as unknown as (v: unknown) => { toHaveNoFindings(o?: object): void; not: { toHaveNoFindings(o?: object): void } };
    e(wsLog(20)).toHaveNoFindings();
    expect(() => e(wsLog(20, [8])).toHaveNoFindings()).toThrow(/warning event-id-gap: /);
    e(wsLog(20, [8])).not.toHaveNoFindings();
    expect(() => e({ nope: 1 }).toHaveNoFindings()).toThrow('expected a session log');
  });

  it('sums a log up in one line', () => {
    const log = { connections: [{}, {}] as SessionLog['connections'], events: [{}, {}, {}] as SessionLog['events'], findings: [finding('info', 'reconnect'), finding('info', 'reconnect'), finding('warning', 'event-id-gap')] };
    expect(findingsSummary(log)).toBe('Realtime Inspector: 2 connections, 3 events; findings: 1 warning (event-id-gap), 2 info (reconnect ×2)');
    expect(findingsSummary({ ...log, findings: [] })).toBe('Realtime Inspector: 2 connections, 3 events; findings: none');
  });
});
