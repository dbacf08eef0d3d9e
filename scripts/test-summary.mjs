#!/usr/bin/env node
// Sums vitest's JSON reports (written when CI is set) into one closing line, "N passed, M failed",
// so that whoever reads the end of the CI log sees the whole count at once.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const flaky = [];
for (const file of ['.tmp/vitest-unit.json', '.tmp/vitest-e2e.json']) {
  if (!existsSync(file)) {
    process.stderr.write(`test-summary: ${file} is missing (did that stage run?)\n`);
    process.exit(1);
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  // Passed, yet with a failure message: it failed first and passed on its retry (vitest.e2e.config.ts).
  for (const f of r.testResults ?? []) {
    for (const a of f.assertionResults ?? []) {
      if (a.status === 'passed' && (a.failureMessages?.length ?? 0) > 0) flaky.push(`${a.fullName}: ${String(a.failureMessages[0]).split('\n')[0].slice(0, 300)}`);
    }
  }
}
for (const f of flaky) process.stdout.write(`flaky (failed, then passed on retry): ${f}\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
