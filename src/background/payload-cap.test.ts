import { describe, expect, it } from 'vitest';
import type { EventRow } from '../contracts/model';
import { capPayload } from './payload-cap';

const ev = (data: string, extra: Partial<EventRow> = {}): EventRow => ({ connectionId: 'c', seq: 1, t: 0, type: 'message', direction: 'in', data, size: 999, ...extra });

describe('capPayload', () => {
  it('keeps payloads within the cap untouched', () => {
    const e = ev('hello');
    capPayload(e, 5);
    expect(e).toEqual(ev('hello'));
  });

  it('cuts text at whole UTF-8 characters and keeps the full size', () => {
    const e = ev('aé€😀b', { size: 11 }); // 1 + 2 + 3 + 4 + 1 bytes
    capPayload(e, 9);
    expect(e.data).toBe('aé€'); // the emoji (4 bytes) would make 10
    expect(e.truncated).toBe(true);
    expect(e.size).toBe(11);
  });

  it('counts UTF-8 bytes, not UTF-16 units', () => {
    const e = ev('€€€'); // 3 units, 9 bytes
    capPayload(e, 6);
    expect(e.data).toBe('€€');
    expect(e.truncated).toBe(true);
  });

  it('cuts binary payloads to whole bytes and re-encodes them', () => {
    const bytes = Uint8Array.from({ length: 10 }, (_, i) => i + 1);
    const e = ev(Buffer.from(bytes).toString('base64'), { binary: true, size: 10 });
    capPayload(e, 4);
    expect([...Buffer.from(e.data!, 'base64')]).toEqual([1, 2, 3, 4]);
    expect(e.truncated).toBe(true);
    expect(e.size).toBe(10);
    const small = ev(Buffer.from([1, 2, 3]).toString('base64'), { binary: true, size: 3 });
    capPayload(small, 3);
    expect(small.truncated).toBeUndefined();
  });

  it('leaves events without data alone', () => {
    const e: EventRow = { connectionId: 'c', seq: 1, t: 0, type: 'open', size: 0 };
    capPayload(e, 1);
    expect(e).toEqual({ connectionId: 'c', seq: 1, t: 0, type: 'open', size: 0 });
  });
});
