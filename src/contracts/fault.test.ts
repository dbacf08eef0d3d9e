import { describe, expect, it } from 'vitest';
import { isFaultAction, isFaultMark } from './fault';
import { isBackgroundToRelay, isHookRecord, isRuntimeRequest } from './protocol';

describe('fault contracts', () => {
  it('checks actions from unknown', () => {
    expect(isFaultAction({ kind: 'drop', refuseMs: 5000, refuseScope: 'origin' })).toBe(true);
    expect(isFaultAction({ kind: 'messages', mode: 'reorder', count: 3 })).toBe(true);
    expect(isFaultAction({ kind: 'inject', data: 'x' })).toBe(true);
    for (const bad of [null, {}, { kind: 'drop', refuseMs: -1 }, { kind: 'drop', refuseMs: 1e9 }, { kind: 'messages', mode: 'drop', count: 0 }, { kind: 'messages', mode: 'eat', count: 1 }, { kind: 'send' }, { kind: 'send', data: 'x'.repeat(70_000) }]) {
      expect(isFaultAction(bad)).toBe(false);
    }
  });

  it('a fault request names a connection or a URL, and a valid action', () => {
    expect(isRuntimeRequest({ type: 'ri:fault', urlIncludes: '/feed', action: { kind: 'disarm' } })).toBe(true);
    expect(isRuntimeRequest({ type: 'ri:fault', action: { kind: 'disarm' } })).toBe(false);
    expect(isRuntimeRequest({ type: 'ri:fault', connectionId: 'c', action: { kind: 'nope' } })).toBe(false);
  });

  it('hook fault records and relay fault messages are validated like everything from a page', () => {
    expect(isHookRecord({ k: 'fault', c: 1, t: 1, f: 'f1', what: 'shown-close', code: 1006 })).toBe(true);
    expect(isHookRecord({ k: 'fault', c: 1, t: 1, f: 'f1', what: 'exploded' })).toBe(false);
    expect(isHookRecord({ k: 'fault', c: 1, t: 1, f: 'f1', what: 'armed', count: -2 })).toBe(false);
    expect(isBackgroundToRelay({ type: 'fault', command: '[]' })).toBe(true);
    expect(isBackgroundToRelay({ type: 'fault', command: 1 })).toBe(false);
    expect(isFaultMark({ id: 'f', what: 'suppressed', ref: 3 })).toBe(true);
    expect(isFaultMark({ id: 'f', what: 'suppressed', ref: -3 })).toBe(false);
  });
});
