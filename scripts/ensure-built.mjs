#!/usr/bin/env node
// Rebuilds only when dist is missing or its stamp does not match the current sources.
// Importable (ensureBuilt) and runnable (`node scripts/ensure-built.mjs`).
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './lib/build-all.mjs';

export { ensureBuilt };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const built = await ensureBuilt();
    if (!built) process.stdout.write('dist is up to date\n');
  } catch (err) {
    process.stderr.write(`ensure-built: ${err.message}\n`);
    process.exit(1);
  }
}
