import { describe, expect, it } from 'vitest';
import { isHookRecord } from '../contracts/protocol';
import { base64FromBytes } from './base64';
import { NO_PAGE_PROTO } from './intrinsics';
import { binaryMessage, sseMessage, textMessage, unreadBinaryMessage } from './payload';

describe('textMessage', () => {
  it('stores short text without a size (the background counts UTF-8 bytes)', () => {
    const r = textMessage(1, 2, 'in', 'héllo', 100);
    expect(r).toEqual({ k: 'message', c: 1, t: 2, dir: 'in', data: 'héllo' });
    expect(isHookRecord(r, 100)).toBe(true);
  });

  it('adds the size when it had to count, and truncates over the cap', () => {
    expect(textMessage(1, 2, 'out', 'abcd', 10)).toEqual({ k: 'message', c: 1, t: 2, dir: 'out', data: 'abcd', size: 4 });
    const r = textMessage(1, 2, 'out', 'ab😀cd', 5);
    expect(r).toEqual({ k: 'message', c: 1, t: 2, dir: 'out', data: 'ab', size: 8, truncated: true });
    expect(isHookRecord(r, 5)).toBe(true);
  });
});

describe('binaryMessage', () => {
  it('encodes the capped bytes, marks truncation, and passes the validator', () => {
    const full = new Uint8Array([1, 2, 3, 4, 5]);
    const r = binaryMessage(3, 4, 'in', full.subarray(0, 3), 5, base64FromBytes);
    expect(r).toEqual({ k: 'message', c: 3, t: 4, dir: 'in', data: 'AQID', binary: true, size: 5, truncated: true });
    expect(isHookRecord(r, 3)).toBe(true);
    expect(binaryMessage(3, 4, 'in', full, 5, base64FromBytes).truncated).toBeUndefined();
  });

  it('an unread Blob keeps its size and passes the validator', () => {
    expect(isHookRecord(unreadBinaryMessage(1, 1, 'in', 10))).toBe(true);
  });
});

describe('message records', () => {
  it('inherit from NO_PAGE_PROTO only, and serialize without their undefined fields', () => {
    for (const rec of [textMessage(1, 2, 'in', 'x', 1000), sseMessage(1, 2, 'y', 1000, undefined, '7', undefined)]) {
      expect(Object.getPrototypeOf(rec)).toBe(NO_PAGE_PROTO);
    }
    expect(JSON.stringify(sseMessage(1, 2, 'y', 1000, undefined, '7', undefined))).toBe('{"k":"message","c":1,"t":2,"dir":"in","data":"y","lastEventId":"7"}');
  });
});
