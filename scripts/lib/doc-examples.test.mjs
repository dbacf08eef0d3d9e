// The examples in the docs are the files CI runs, verbatim: each fenced block right after an
// `<!-- example: <path> -->` line must equal that file, and every path named must be a file a
// test project runs (the sample Playwright project or the e2e tests). Change the file, then paste.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const DOCS = ['README.md', 'docs/recorder.md'];
const MARKED = /<!-- example: ([^\s]+) -->\n```[a-z]*\n([\s\S]*?)```\n/g;

/** Files that CI runs as tests: the sample Playwright project's files, or e2e test files. */
const isRunByCi = (file) => /^test\/playwright\/[^/]+\.(spec|config)\.ts$/.test(file) || /^test\/[^/]+\.e2e\.test\.ts$/.test(file);

const examples = DOCS.flatMap((doc) => [...fs.readFileSync(path.join(root, doc), 'utf8').matchAll(MARKED)].map((m) => ({ doc, file: m[1], text: m[2] })));

describe('doc examples', () => {
  it('finds the marked examples (sanity)', () => {
    expect(examples.filter((e) => e.doc === 'docs/recorder.md').length).toBeGreaterThanOrEqual(4);
    expect(examples.some((e) => e.doc === 'README.md')).toBe(true);
  });

  it.each(examples.map((e) => [`${e.doc}: ${e.file}`, e]))('%s is the file, verbatim, and CI runs it', (_, e) => {
    expect(isRunByCi(e.file), `${e.file} is not a file CI runs`).toBe(true);
    expect(e.text).toBe(fs.readFileSync(path.join(root, e.file), 'utf8'));
  });

  it('catches a stale copy', () => {
    const doc = '<!-- example: test/playwright/healthy.spec.ts -->\n```ts\nold text\n```\n';
    const [m] = [...doc.matchAll(MARKED)];
    expect(m[1]).toBe('test/playwright/healthy.spec.ts');
    expect(m[2]).not.toBe(fs.readFileSync(path.join(root, m[1]), 'utf8'));
    expect(isRunByCi('docs/recorder.md')).toBe(false);
  });
});
