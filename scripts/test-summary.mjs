#!/usr/bin/env node
// Sums vitest's JSON reports (written when CI is set) into one closing line, "N passed, M failed",
// so that whoever reads the end of the CI log sees the whole count at once.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of ['.tmp/vitest-unit.json', '.tmp/vitest-e2e.json']) {
  if (!existsSync(file)) {
    process.stderr.write(`test-summary: ${file} is missing (did that stage run?)\n`);
    process.exit(1);
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
process.stdout.write(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
