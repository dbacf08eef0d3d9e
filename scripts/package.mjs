#!/usr/bin/env node
// `npm run package`: store-ready zips of dist/chrome and dist/firefox, manifest.json at the root.
// Entries are sorted and dated 1980-01-01 so the same dist gives byte-identical zips.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';
import { ensureBuilt } from './lib/build-all.mjs';
import { distDir, root } from './lib/paths.mjs';

const fixedDate = new Date(1980, 0, 1);

function collect(dir, base, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // Build bookkeeping (vite's .vite/manifest.json) is not part of the extension.
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) collect(full, base, out);
    else out.push(relative(base, full).split(sep).join('/'));
  }
  return out;
}

export function zipTarget(target, version) {
  const dir = join(distDir, target);
  const files = collect(dir, dir, []).sort();
  if (!files.includes('manifest.json')) throw new Error(`dist/${target} has no manifest.json`);
  const entries = {};
  for (const file of files) entries[file] = [readFileSync(join(dir, file)), { mtime: fixedDate }];
  const zip = zipSync(entries, { level: 9 });
  const out = join(distDir, `realtime-inspector-${target}-${version}.zip`);
  writeFileSync(out, zip);
  return { out, files: files.length, bytes: zip.length };
}

try {
  await ensureBuilt();
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const target of ['chrome', 'firefox']) {
    const { out, files, bytes } = zipTarget(target, version);
    process.stdout.write(`${relative(root, out)}: ${files} files, ${(bytes / 1024).toFixed(1)} KiB\n`);
  }
} catch (err) {
  process.stderr.write(`package: ${err.message}\n`);
  process.exit(1);
}
