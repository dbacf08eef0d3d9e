// Writes the file table of docs/architecture.md from the tree (scripts/lib/source-tree.mjs), so
// the documented layout cannot drift from the code: `npm run docs:layout` after adding, moving
// or re-describing a module; the unit test source-tree.test.mjs fails until it is run.
import fs from 'node:fs';
import path from 'node:path';
import { TABLE_BEGIN, TABLE_END, layoutTable } from './lib/source-tree.mjs';

const root = path.resolve(import.meta.dirname, '..');
const doc = path.join(root, 'docs/architecture.md');
const text = fs.readFileSync(doc, 'utf8');
const a = text.indexOf(TABLE_BEGIN);
const b = text.indexOf(TABLE_END);
if (a < 0 || b < a) {
  console.error(`docs-layout: docs/architecture.md has no "${TABLE_BEGIN}" … "${TABLE_END}" section`);
  process.exit(2);
}
const next = text.slice(0, a) + layoutTable(root) + text.slice(b + TABLE_END.length);
if (next !== text) fs.writeFileSync(doc, next);
console.log(next === text ? 'docs/architecture.md: file table already current' : 'docs/architecture.md: file table written');
