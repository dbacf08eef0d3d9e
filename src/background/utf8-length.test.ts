import { describe, expect, it } from 'vitest';
import { utf8Length } from './utf8-length';

describe('utf8Length', () => {
  it('matches Buffer.byteLength on mixed text', () => {
    for (const s of ['', 'abc', 'é', '€', '😀', 'a😀b€é', 'x'.repeat(1000) + '日本語']) {
      expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
    }
  });
  it('counts a lone surrogate as the 3-byte replacement character, like TextEncoder', () => {
    expect(utf8Length('\ud800')).toBe(new TextEncoder().encode('\ud800').length);
    expect(utf8Length('a\udc00b')).toBe(new TextEncoder().encode('a\udc00b').length);
  });
});
