// Absolute paths every script agrees on, independent of the caller's working directory.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const distDir = join(root, 'dist');
export const stampFile = join(distDir, '.build-stamp.json');
export const tmpDir = join(root, '.tmp');
export const artifactsDir = join(root, 'artifacts');
