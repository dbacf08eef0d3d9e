#!/usr/bin/env node
// `npm run build`: dist/chrome, dist/firefox, dist/recorder, checked, with a build stamp.
import { buildAll } from './lib/build-all.mjs';

try {
  await buildAll({ verbose: process.argv.includes('--verbose') });
} catch (err) {
  process.stderr.write(`build: ${err.message}\n`);
  process.exit(1);
}
