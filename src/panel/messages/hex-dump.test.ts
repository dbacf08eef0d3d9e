import { expect, it } from 'vitest';
import { base64ToBytes, hexDumpLines } from './hex-dump';

it('dumps 16 bytes a line with offsets, hex and printable text', () => {
  const bytes = new TextEncoder().encode('Hello, world!\n\u0001ABCDEFGHIJ');
  expect(hexDumpLines(bytes)).toEqual([
    '00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a 01 41  Hello, world!..A',
    '00000010  42 43 44 45 46 47 48 49  4a                       BCDEFGHIJ',
  ]);
  expect(hexDumpLines(bytes, 1)).toHaveLength(1);
  expect(hexDumpLines(new Uint8Array(0))).toEqual([]);
});

it('decodes base64, and treats garbage as empty', () => {
  expect([...base64ToBytes('AQID/w==')]).toEqual([1, 2, 3, 255]);
  expect(base64ToBytes('%%%')).toHaveLength(0);
});
