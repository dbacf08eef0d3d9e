// The content hash of everything a build reads. Content, not mtimes: a fresh clone or a
// `touch` must not force a rebuild, and an edit that keeps the mtime must not be missed.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { root } from './paths.mjs';

const inputDirs = ['src', 'public'];
const inputFiles = ['manifest.json', 'package.json', 'tsconfig.json'];
// Unit tests sit beside the code but are never bundled: editing one must not trigger a rebuild.
const isTestFile = (name) => /\.test\.tsx?$/.test(name);

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile() && !isTestFile(entry.name)) out.push(full);
  }
}

/** Sorted project-relative paths (with forward slashes) of every build input. */
export function listBuildInputs() {
  const files = [];
  for (const dir of inputDirs) {
    const full = join(root, dir);
    if (existsSync(full)) walk(full, files);
  }
  for (const name of readdirSync(root)) {
    if (inputFiles.includes(name) || /^vite.*\.config\.ts$/.test(name)) files.push(join(root, name));
  }
  return files.map((f) => relative(root, f).split(sep).join('/')).sort();
}

export function hashBuildInputs() {
  const hash = createHash('sha256');
  const files = listBuildInputs();
  for (const file of files) {
    hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  }
  return { hash: hash.digest('hex'), fileCount: files.length };
}
