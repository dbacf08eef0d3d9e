import { describe, expect, it } from 'vitest';
import { perChannelDiscriminator } from './multiplexed';
import { detectSequenceField } from './sequence-field';

/** Deterministic pseudo-random numbers (mulberry32), so the mixes are the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Two channels, each numbered from its own start, mixed with `share` of them being `a`. */
function mix(n: number, share: number, next: () => number, key = 'channel'): unknown[] {
  const offset = { a: Math.floor(next() * 10_000), b: Math.floor(next() * 10_000) };
  return Array.from({ length: n }, () => {
    const channel = next() < share ? 'a' : 'b';
    return { [key]: channel, offset: ++offset[channel] };
  });
}

describe('per-channel numbering', () => {
  it('prices ten times as often as news, each with its own offset, is not one sequence', () => {
    const offset = { prices: 5000, news: 120 };
    const samples = Array.from({ length: 32 }, (_, i) => {
      const channel = i % 11 === 10 ? 'news' : 'prices';
      return { channel, offset: ++offset[channel] };
    });
    expect(perChannelDiscriminator(samples, 'offset')).toBe('channel');
    expect(detectSequenceField(samples)).toBeUndefined();
  });

  it('refuses every random two-channel mix that interleaves, whatever the discriminator is called', () => {
    const next = rng(7);
    let mixes = 0;
    for (let i = 0; i < 300; i++) {
      const key = ['channel', 'topic', 'type'][i % 3]!;
      const samples = mix(32, 0.5 + next() * 0.45, next, key) as Record<string, string>[];
      // A mix where one channel only appears after the other is over looks like one sequence
      // with a gap: nothing can tell them apart, so only interleaved mixes are asked about.
      const labels = samples.map((x) => x[key]).join('');
      if (!/a+b+a/.test(labels) && !/b+a+b/.test(labels)) continue;
      mixes++;
      expect(detectSequenceField(samples)).toBeUndefined();
    }
    expect(mixes).toBeGreaterThan(250);
  });

  it('keeps a single global sequence that also carries a type, even with a late arrival', () => {
    const types = ['trade', 'quote', 'trade', 'news'];
    const seqs = Array.from({ length: 32 }, (_, i) => i + 1);
    [seqs[10], seqs[11]] = [seqs[11]!, seqs[10]!]; // one message late
    const samples = seqs.map((seq, i) => ({ type: types[i % types.length], seq }));
    expect(perChannelDiscriminator(samples, 'seq')).toBeUndefined();
    expect(detectSequenceField(samples)).toBe('seq');
  });

  it('says nothing about a field that never goes down', () => {
    expect(perChannelDiscriminator(Array.from({ length: 10 }, (_, i) => ({ channel: i % 2 ? 'a' : 'b', n: i })), 'n')).toBeUndefined();
  });
});
