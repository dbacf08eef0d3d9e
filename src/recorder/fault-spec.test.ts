import { describe, expect, it } from 'vitest';
import { parseDuration, parseFaultSpec } from './fault-spec';

describe('--fault specs', () => {
  it('reads a drop with and without an outage, the URL keeping its own ":" and "@"', () => {
    expect(parseFaultSpec('drop:ws://127.0.0.1:8080/feed@5s')).toEqual({ text: 'drop:ws://127.0.0.1:8080/feed@5s', match: 'ws://127.0.0.1:8080/feed', atMs: 5000, action: { kind: 'drop' } });
    expect(parseFaultSpec('drop:wss://u@h/feed@1.5s/10s')).toMatchObject({ match: 'wss://u@h/feed', atMs: 1500, action: { kind: 'drop', refuseMs: 10_000 } });
  });

  it('reads message faults, inject and send', () => {
    expect(parseFaultSpec('drop-messages:/feed@2s/3').action).toEqual({ kind: 'messages', mode: 'drop', count: 3 });
    expect(parseFaultSpec('reorder-messages:/feed@500ms').action).toEqual({ kind: 'messages', mode: 'reorder', count: 1 });
    expect(parseFaultSpec('inject:/feed@2s/{"a":"b/c"}').action).toEqual({ kind: 'inject', data: '{"a":"b/c"}' });
  });

  it('says what is wrong', () => {
    expect(() => parseFaultSpec('drop')).toThrow(/no KIND/);
    expect(() => parseFaultSpec('drop:/feed')).toThrow(/no @AT/);
    expect(() => parseFaultSpec('drop:@5s')).toThrow(/empty MATCH/);
    expect(() => parseFaultSpec('explode:/feed@5s')).toThrow(/unknown KIND "explode"/);
    expect(() => parseFaultSpec('drop:/feed@5s/soon')).toThrow(/not a duration/);
    expect(() => parseFaultSpec('drop-messages:/feed@5s/0')).toThrow(/not a message count/);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('x')).toBeUndefined();
  });
});
