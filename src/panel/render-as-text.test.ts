// Payloads are the page's data: the panel renders them as text nodes, never as markup. Preact
// escapes children; only these escape hatches could turn a payload into HTML.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

it('no panel source uses innerHTML, outerHTML, insertAdjacentHTML, document.write or dangerouslySetInnerHTML', () => {
  const files = [...sources(__dirname), ...sources(join(__dirname, '../devtools'))];
  expect(files.length).toBeGreaterThan(10);
  const offenders = files.filter((f) => /innerHTML|outerHTML|insertAdjacentHTML|document\.write|dangerouslySetInnerHTML/.test(readFileSync(f, 'utf8')));
  expect(offenders).toEqual([]);
});
