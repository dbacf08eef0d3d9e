#!/usr/bin/env node
// `npm run record -- …`: make sure dist/ matches the sources, then run the built CLI
// (src/recorder/cli.ts) in this process with the same arguments.
import { ensureBuilt } from './lib/build-all.mjs';

try {
  // Build progress goes to stderr: stdout carries only the CLI's one-line summary.
  await ensureBuilt({ log: (line) => process.stderr.write(`${line}\n`) });
} catch (err) {
  process.stderr.write(`record: build failed: ${err.message}\n`);
  process.exit(1);
}
await import('../dist/recorder/cli.js');
