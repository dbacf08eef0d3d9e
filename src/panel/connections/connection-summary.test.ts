import { describe, expect, it } from 'vitest';
import { closeCodeMeaning, timingSteps, whoClosed } from './connection-summary';
import { connRow } from '../test-fixtures';

describe('closeCodeMeaning', () => {
  it('names registered codes with what they mean, and the private-use range', () => {
    expect(closeCodeMeaning(1000)).toBe('1000 normal closure: the purpose of the connection was fulfilled');
    expect(closeCodeMeaning(1006)).toMatch(/^1006 abnormal closure: the connection was lost without a close frame/);
    expect(closeCodeMeaning(1013)).toBe('1013 try again later: the server is overloaded: try again later');
    expect(closeCodeMeaning(4001)).toBe('4001 application-defined: private use, its meaning is defined by the application');
    expect(closeCodeMeaning(3008)).toMatch(/^3008 registered \(library or framework\): registered with IANA/);
    expect(closeCodeMeaning(2000)).toBe('2000 reserved: not a registered code');
  });
});

describe('whoClosed', () => {
  it('tells the page’s close() call from a server close and a drop', () => {
    expect(whoClosed(connRow('a', { state: 'closed', closeCall: { t: 1, code: 1000, reason: 'bye' }, close: { code: 1000, reason: 'bye', wasClean: true } }))).toBe('the page called close(1000, "bye")');
    expect(whoClosed(connRow('a', { state: 'closed', close: { code: 1001, reason: '', wasClean: true } }))).toBe('the server (or a proxy) sent the close frame');
    expect(whoClosed(connRow('a', { state: 'closed', close: { code: 1006, reason: '', wasClean: false } }))).toMatch(/dropped without a close frame/);
    expect(whoClosed(connRow('a', { state: 'closed', ended: 'page-unloaded' }))).toMatch(/page was left/);
    expect(whoClosed(connRow('a', { state: 'closed', kind: 'eventsource' }))).toMatch(/browser gave up/);
    expect(whoClosed(connRow('a', { state: 'open' }))).toBeNull();
  });
});

describe('timingSteps', () => {
  it('lists created → open → close with the time each took', () => {
    const c = connRow('a', { createdAt: 1000, openedAt: 1035, closedAt: 4035, state: 'closed' });
    const t = timingSteps(c, 9999);
    expect(t.steps.map((s) => [s.label, s.after])).toEqual([['created', undefined], ['open', '35 ms'], ['closed', '3.0 s']]);
    expect(t.total).toBe('3.0 s');
    expect(t.ongoing).toBe(false);
  });

  it('counts an open connection up to now', () => {
    const t = timingSteps(connRow('a', { createdAt: 1000, openedAt: 1010, state: 'open' }), 2500);
    expect(t.total).toBe('1.5 s');
    expect(t.ongoing).toBe(true);
  });
});
