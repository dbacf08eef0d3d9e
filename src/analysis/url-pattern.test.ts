import { describe, expect, it } from 'vitest';
import { globToRegExp, overrideFor } from './url-pattern';

describe('url patterns', () => {
  it('matches whole URLs with * wildcards and literal dots and question marks', () => {
    expect(globToRegExp('wss://*.example.com/ws*').test('wss://eu.example.com/ws?x=1')).toBe(true);
    expect(globToRegExp('wss://*.example.com/ws').test('wss://eu.exampleXcom/ws')).toBe(false);
    expect(globToRegExp('ws://h/a?b').test('ws://h/a?b')).toBe(true);
    expect(globToRegExp('ws://h/a?b').test('ws://h/aXb')).toBe(false);
  });
  it('returns the first matching override, null to disable, undefined when none', () => {
    const o = [{ urlPattern: 'ws://h/off*', path: null }, { urlPattern: 'ws://h/*', path: 'meta.seq' }];
    expect(overrideFor('ws://h/off', o)).toBeNull();
    expect(overrideFor('ws://h/x', o)).toBe('meta.seq');
    expect(overrideFor('ws://other/x', o)).toBeUndefined();
    expect(overrideFor('ws://h/x', undefined)).toBeUndefined();
  });
});
