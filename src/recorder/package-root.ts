// The installed package's root, where dist/ is. Found from this module's own location, so it
// works from src/ (tests, through vite) and from dist/recorder/ (plain node, or node_modules).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'realtime-inspector') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('realtime-inspector: cannot find the package root from ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}
