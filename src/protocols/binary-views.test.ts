import { describe, expect, it } from 'vitest';
import { encode as mpEncode } from '@msgpack/msgpack';
import { encode as cborEncode } from 'cbor-x';
import { cbor, cborValues, msgpack, msgpackValues } from './binary-views';

describe('MessagePack and CBOR views', () => {
  it('decodes what the libraries encode, several values a frame included', () => {
    const value = { t: 'tick', n: 3, list: [1, 'two'], raw: new Uint8Array([1, 2]) };
    const mp = new Uint8Array([...mpEncode(value), ...mpEncode(7)]);
    expect(msgpack.create().push({ seq: 1, bytes: mp }).messages.map((m) => m.body)).toEqual([{ t: 'tick', n: 3, list: [1, 'two'], raw: { binary: 2 } }, 7]);
    const cb = new Uint8Array(cborEncode(value));
    expect(cbor.create().push({ seq: 1, bytes: cb }).messages[0]?.body).toEqual({ t: 'tick', n: 3, list: [1, 'two'], raw: { binary: 2 } });
  });
  it('says so when bytes are not whole values (a cut frame)', () => {
    const mp = mpEncode({ a: 'long enough string' });
    expect(msgpackValues(mp.subarray(0, mp.length - 3))).toBeNull();
    const cb = cborEncode({ a: 'long enough string' });
    expect(cborValues(cb.subarray(0, cb.length - 3))).toBeNull();
    expect(msgpack.create().push({ seq: 1, text: 'text frames are not views' }).messages).toEqual([]);
  });
});
