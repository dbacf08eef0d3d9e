import { describe, expect, it } from 'vitest';
import { createUtf8Counter, truncateUtf8, utf8Length } from './utf8';

const enc = new TextEncoder();

describe('utf8Length', () => {
  it('matches TextEncoder, lone surrogates counted as U+FFFD', () => {
    const samples = ['', 'a', 'é', '€', '😀', 'a😀b', '\ud800', '\udc00', '\ud800x', 'x\udbff', '\udc00\ud800', 'ß'.repeat(1000), '中文字符', '\u007f\u0080\u07ff\u0800\uffff'];
    for (const s of samples) expect(utf8Length(s), JSON.stringify(s)).toBe(enc.encode(s).length);
  });

  it('matches TextEncoder on random strings over the whole UTF-16 range', () => {
    for (let k = 0; k < 200; k++) {
      let s = '';
      for (let i = 0; i < 50; i++) s += String.fromCharCode(Math.floor(Math.random() * 0x10000));
      expect(utf8Length(s)).toBe(enc.encode(s).length);
    }
  });
});

describe('truncateUtf8', () => {
  it('keeps strings that fit', () => {
    expect(truncateUtf8('hello', 5)).toBe('hello');
    expect(truncateUtf8('😀', 4)).toBe('😀');
  });

  it('cuts at the last whole character within the cap', () => {
    expect(truncateUtf8('hello', 3)).toBe('hel');
    expect(truncateUtf8('aé', 2)).toBe('a'); // é is 2 bytes: 1 + 2 > 2
    expect(truncateUtf8('a€', 3)).toBe('a');
    expect(truncateUtf8('a€', 4)).toBe('a€');
  });

  it('never splits a surrogate pair', () => {
    for (let cap = 0; cap < 4; cap++) expect(truncateUtf8('😀', cap)).toBe('');
    expect(truncateUtf8('a😀', 4)).toBe('a');
    expect(truncateUtf8('a😀', 5)).toBe('a😀');
    expect(truncateUtf8('😀😀', 7)).toBe('😀');
  });

  it('counts a lone surrogate as 3 bytes and may end on it', () => {
    expect(truncateUtf8('\ud800ab', 3)).toBe('\ud800');
    expect(truncateUtf8('a\udc00', 3)).toBe('a');
  });

  it('always yields a prefix within the cap, as long as possible', () => {
    for (let k = 0; k < 200; k++) {
      let s = '';
      for (let i = 0; i < 40; i++) s += String.fromCharCode(Math.floor(Math.random() * 0x10000));
      const cap = Math.floor(Math.random() * 120);
      const t = truncateUtf8(s, cap);
      expect(s.startsWith(t)).toBe(true);
      expect(utf8Length(t)).toBeLessThanOrEqual(cap);
      if (t.length < s.length) {
        // The next whole character would not fit.
        const c = s.charCodeAt(t.length);
        const pair = c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(t.length + 1) & 0xfc00) === 0xdc00;
        expect(utf8Length(s.slice(0, t.length + (pair ? 2 : 1)))).toBeGreaterThan(cap);
      }
    }
  });
});

describe('utf8Length (as the background counts sizes)', () => {
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

describe('createUtf8Counter (native encoder for long strings)', () => {
  it('counts exactly what utf8Length counts, short and long, lone surrogates included', () => {
    const count = createUtf8Counter();
    for (const s of ['', 'abc', 'a😀b€é', 'x'.repeat(300), 'é'.repeat(1000) + '😀'.repeat(500), `${'a'.repeat(400)}\ud800${'b'.repeat(10)}\udc00`, '\udbff'.repeat(300)]) {
      expect(count(s)).toBe(utf8Length(s));
      expect(count(s)).toBe(new TextEncoder().encode(s).length);
    }
  });
});
