// The whole build: the extension for Chrome and for Firefox, then the Node recorder.
// Each vite build runs in its own process because vite.config.ts reads RI_BROWSER at load.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root, stampFile, distDir } from './paths.mjs';
import { hashBuildInputs } from './build-inputs.mjs';
import { verifyDist } from './verify-dist.mjs';
import { withBuildLock } from './build-lock.mjs';

const viteBin = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const tscBin = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

function runNode(label, bin, args, env, { verbose }) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: verbose ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) return resolvePromise();
      if (!verbose) process.stderr.write(output);
      reject(new Error(`build ${label} failed (exit ${code})`));
    });
  });
}

const runVite = (label, args, env, opts) => runNode(label, viteBin, args, env, opts);

/**
 * Declarations for `realtime-inspector/recorder`. tsc writes extensionless relative imports (the
 * sources use bundler resolution); Node16/NodeNext consumers need `.js`, so add it.
 */
async function buildRecorderTypes(opts) {
  await runNode('recorder types', tscBin, ['-p', join('scripts', 'tsconfig.recorder-types.json')], {}, opts);
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.d.ts')) {
        const text = readFileSync(full, 'utf8');
        const fixed = text.replace(/(from\s+'|import\(')(\.{1,2}\/[^']+?)(?<!\.js)'/g, "$1$2.js'");
        if (fixed !== text) writeFileSync(full, fixed);
      }
    }
  };
  walk(join(distDir, 'recorder', 'types'));
}

export function readStamp() {
  if (!existsSync(stampFile)) return undefined;
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return undefined;
  }
}

const defaultLog = (line) => process.stdout.write(`${line}\n`);

/**
 * V8 names a script's stack frames after its `//# sourceURL` comment when it has one
 * (v8/src/objects/script.cc, Script::GetNameOrSourceURL). The MAIN-world hook's frames that V8
 * still shows to the page (docs/architecture.md, "What the page can still observe") then read
 * `<anonymous>` instead of chrome-extension://<extension id>/…, a perfect fingerprint. Rollup
 * drops such a comment from the source, and crxjs builds content scripts apart from the vite
 * plugins, so it is appended here. (Firefox names the frames `<anonymous code>` by itself.)
 */
function nameHookFrames(dirs = ['chrome', 'firefox']) {
  for (const target of dirs) {
    const file = join(distDir, target, 'src', 'hook', 'index.js');
    const code = readFileSync(file, 'utf8');
    if (!code.includes('//# sourceURL=')) writeFileSync(file, `${code}\n//# sourceURL=<anonymous>\n`);
  }
}

/** The stages `npm run bench -- --ablate` cuts off (src/contracts/globals.d.ts __RI_ABLATE__). */
export const ABLATIONS = ['listener', 'no-dispatch', 'relay-drop', 'background-drop'];

/**
 * One benchmark ablation build of the extension (never used outside the benchmark), into
 * dist/ablate/<stage>-<target>; returns that folder.
 */
export async function buildAblation(stage, browserName, { verbose = false } = {}) {
  if (!ABLATIONS.includes(stage)) throw new Error(`no ablation ${stage}`);
  const target = browserName === 'firefox' ? 'firefox' : 'chrome';
  await runVite(`ablate ${stage} ${target}`, ['build', '--logLevel', 'warn'], { RI_BROWSER: target, RI_ABLATE: stage }, { verbose });
  nameHookFrames([join('ablate', `${stage}-${target}`)]);
  return join(distDir, 'ablate', `${stage}-${target}`);
}

/** Builds everything unconditionally and writes dist/.build-stamp.json. */
export async function buildAll(opts = {}) {
  return withBuildLock(() => buildUnlocked(opts));
}

async function buildUnlocked({ verbose = false, log = defaultLog } = {}) {
  // No stamp while dist is being rewritten: a build that fails halfway must not look fresh.
  rmSync(stampFile, { force: true });
  const before = hashBuildInputs();
  const started = Date.now();
  await runVite('chrome', ['build', '--logLevel', 'warn'], { RI_BROWSER: 'chrome' }, { verbose });
  log(`built dist/chrome (${Date.now() - started} ms)`);
  let t = Date.now();
  await runVite('firefox', ['build', '--logLevel', 'warn'], { RI_BROWSER: 'firefox' }, { verbose });
  log(`built dist/firefox (${Date.now() - t} ms)`);
  nameHookFrames();
  t = Date.now();
  await runVite('recorder', ['build', '--config', 'vite.recorder.config.ts', '--logLevel', 'warn'], {}, { verbose });
  await buildRecorderTypes({ verbose });
  log(`built dist/recorder (${Date.now() - t} ms)`);
  verifyDist();
  // Hash taken before building: an edit made during the build leaves the stamp stale, so
  // the next ensure-built rebuilds instead of trusting a dist built from older sources.
  mkdirSync(distDir, { recursive: true });
  const stamp = { inputsHash: before.hash, inputFiles: before.fileCount, builtAt: new Date().toISOString() };
  writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
  return stamp;
}

/** Why dist cannot be trusted, or undefined when it matches the sources. */
export function staleReason() {
  const stamp = readStamp();
  if (!stamp) return 'no build stamp';
  const now = hashBuildInputs();
  if (stamp.inputsHash !== now.hash) return 'sources changed since the last build';
  try {
    verifyDist();
  } catch (err) {
    return err.message;
  }
  return undefined;
}

/** Rebuilds when dist is missing or older than its inputs; returns whether it built. */
export async function ensureBuilt(opts = {}) {
  if (!staleReason()) return false;
  // Checked again under the lock: another process may have just built the same sources.
  return withBuildLock(async () => {
    const reason = staleReason();
    if (!reason) return false;
    (opts.log ?? defaultLog)(`building (${reason})`);
    await buildUnlocked(opts);
    return true;
  });
}
