// Serializes builds between processes (a test run's globalSetup, `npm start`, `npm run record`
// started at once): two vite builds writing dist/chrome together leave a mixed tree.
import { mkdirSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpDir } from './paths.mjs';

const lockDir = join(tmpDir, 'build.lock');
const staleAfterMs = 5 * 60_000;

function holderAlive() {
  try {
    const { pid, at } = JSON.parse(readFileSync(join(lockDir, 'owner.json'), 'utf8'));
    if (Date.now() - at > staleAfterMs) return false;
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function withBuildLock(fn, { timeoutMs = 5 * 60_000 } = {}) {
  mkdirSync(tmpDir, { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      if (!holderAlive()) {
        // Give a holder that is just writing owner.json a moment before calling it stale.
        await new Promise((r) => setTimeout(r, 200));
        if (!holderAlive()) rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another build holds ${lockDir} for too long`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  writeFileSync(join(lockDir, 'owner.json'), JSON.stringify({ pid: process.pid, at: Date.now() }));
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
