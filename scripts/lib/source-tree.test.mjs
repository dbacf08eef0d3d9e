// The layout stays true: no import cycle in src/, no import upward or sideways between folders
// (FLOORS in source-tree.mjs), and docs/architecture.md lists every module as it is.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLE_BEGIN, TABLE_END, importCycles, importGraph, layerViolations, layoutTable, topFolder, FLOORS } from './source-tree.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const graph = importGraph(root);

describe('source tree', () => {
  it('reads the real graph (sanity: the hook imports the protocol)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect([...graph.values()].flat()).toContain('src/contracts/protocol.ts');
  });

  it('has no import cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('imports only downward, and the hook and relay only the ground floor', () => {
    expect(layerViolations(graph).map(([from, to, why]) => `${from} → ${to}: ${why}`)).toEqual([]);
  });

  it('puts every top folder of src/ on a floor', () => {
    const onFloors = new Set(FLOORS.flatMap((f) => f.folders));
    expect([...new Set([...graph.keys()].map(topFolder))].filter((f) => !onFloors.has(f))).toEqual([]);
  });

  it('catches what it must (a cycle, an upward import)', () => {
    const bad = new Map([
      ['src/contracts/a.ts', ['src/analysis/b.ts']],
      ['src/analysis/b.ts', ['src/contracts/a.ts']],
      ['src/hook/c.ts', ['src/store/d.ts']],
    ]);
    expect(importCycles(bad)).toEqual([['src/analysis/b.ts', 'src/contracts/a.ts']]);
    expect(layerViolations(bad).map(([f, , why]) => `${f}: ${why}`)).toEqual(['src/contracts/a.ts: upward', 'src/hook/c.ts: hook/ may import only contracts/']);
  });

  it('is documented as it is in docs/architecture.md (run `npm run docs:layout`)', () => {
    const doc = fs.readFileSync(path.join(root, 'docs/architecture.md'), 'utf8');
    const a = doc.indexOf(TABLE_BEGIN);
    const b = doc.indexOf(TABLE_END);
    expect(a, 'the source-tree section of docs/architecture.md').toBeGreaterThanOrEqual(0);
    expect(doc.slice(a, b + TABLE_END.length)).toBe(layoutTable(root));
  });
});
