import { describe, expect, it } from 'vitest';
import { REFUSE_RULE_BASE, RefuseRules, refuseFilter, type RefuseRule } from './refuse-rules';

describe('refuse rules', () => {
  it('matches the URL without its query (either scheme of a WebSocket), or the whole origin', () => {
    const url = refuseFilter('ws://127.0.0.1:4000/feed?token=abc', 'url')!;
    const re = new RegExp(url);
    expect(re.test('ws://127.0.0.1:4000/feed')).toBe(true);
    expect(re.test('http://127.0.0.1:4000/feed?token=new')).toBe(true);
    expect(re.test('ws://127.0.0.1:4000/feeds')).toBe(false);
    expect(re.test('ws://127.0.0.1:40001/feed')).toBe(false);
    const origin = new RegExp(refuseFilter('wss://h.example/a/b', 'origin')!);
    expect(origin.test('https://h.example/other')).toBe(true);
    expect(origin.test('ws://h.example/a/b')).toBe(false);
    expect(refuseFilter('not a url', 'url')).toBeNull();
  });

  it('adds a session rule for one tab, removes it when the time is up, and clears stale ones', async () => {
    let rules: RefuseRule[] = [{ id: REFUSE_RULE_BASE + 7 } as RefuseRule, { id: 1 } as RefuseRule];
    const timers: Array<[() => void, number]> = [];
    const api = {
      async updateSessionRules(o: { addRules?: RefuseRule[]; removeRuleIds?: number[] }) {
        rules = rules.filter((r) => !o.removeRuleIds?.includes(r.id)).concat(o.addRules ?? []);
      },
      getSessionRules: async () => rules,
    };
    const r = new RefuseRules(api, (fn, ms) => timers.push([fn, ms]));
    await r.removeStale();
    expect(rules.map((x) => x.id)).toEqual([1]);
    const id = await r.refuse(5, '^x', 3000);
    expect(rules.find((x) => x.id === id)).toEqual({ id, priority: 1, action: { type: 'block' }, condition: { regexFilter: '^x', tabIds: [5] } });
    expect(timers[0]![1]).toBe(3000);
    timers[0]![0]();
    await Promise.resolve();
    expect(rules.map((x) => x.id)).toEqual([1]);
  });
});
