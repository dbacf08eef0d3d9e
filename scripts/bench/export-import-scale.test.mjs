import { describe, expect, it } from 'vitest';
import { readNdjson } from '../../src/formats/ndjson-reader';
import { syntheticNdjson } from './export-import-scale.mjs';

describe('the synthetic NDJSON of the export/import benchmark', () => {
  it('is a valid, complete export of exactly n events', () => {
    for (const n of [1, 7, 1003]) {
      const log = readNdjson([...syntheticNdjson(n)].join(''));
      expect(log.events).toHaveLength(n);
      expect(log.connections).toHaveLength(4);
      expect(log.events.filter((e) => e.type === 'message').every((e) => JSON.parse(e.data).id === e.seq)).toBe(true);
    }
  });
});
