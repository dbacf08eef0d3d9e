#!/usr/bin/env node
// Runs before `npm start` and `npm test` (npm's prestart/pretest): on a fresh Debian machine
// those two commands set everything up themselves. Uses only Node built-ins, because it runs
// before the packages are installed. Each step is skipped when already done.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (m) => process.stderr.write(`setup: ${m}\n`);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: 'true' } });
  if (r.status !== 0) {
    say(`\`${[cmd, ...args].join(' ')}\` failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  say(`Node ${process.versions.node} is too old: Node 20.19 or newer is needed`);
  process.exit(1);
}

// System browsers: Debian's chromium and firefox-esr (nothing can download a browser here).
// A copy of the recorder's browser table (src/recorder/browsers.ts): this runs before the
// packages and the build exist, so it cannot import it; browsers.test.ts checks the two agree.
const browsers = [
  ['chromium', process.env.CHROME_PATH || '/usr/bin/chromium'],
  ['firefox-esr', process.env.FIREFOX_PATH || '/usr/bin/firefox-esr'],
];
const missing = browsers.filter(([, path]) => !existsSync(path)).map(([pkg]) => pkg);
if (missing.length > 0) {
  const isRoot = process.getuid?.() === 0;
  const hasSudo = !isRoot && spawnSync('sh', ['-c', 'command -v sudo'], { stdio: 'ignore' }).status === 0;
  if (!isRoot && !hasSudo) {
    say(`missing ${missing.join(', ')}: install with \`apt-get install -y ${missing.join(' ')}\` as root`);
    process.exit(1);
  }
  const pre = isRoot ? [] : ['sudo'];
  say(`installing ${missing.join(', ')} with apt-get`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('env', [...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...pre, 'apt-get', 'update', '-q']);
  run('env', [...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...pre, 'apt-get', 'install', '-y', '-q', ...missing]);
}

// Locked npm packages, installed once (or again when package-lock.json is newer).
const marker = join(root, 'node_modules', '.package-lock.json');
let stale = !existsSync(marker);
if (!stale) {
  try {
    const mtime = (p) => Number(execFileSync('stat', ['-c', '%Y', p]).toString());
    stale = mtime(join(root, 'package-lock.json')) > mtime(marker);
  } catch {
    stale = true;
  }
}
if (stale) {
  say('installing npm packages (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
