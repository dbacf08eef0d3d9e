// The two browsers the recorder drives, in one table, with their launch flags.
// For each: where Debian puts it, the variable that overrides that, the apt package to suggest,
// and which build of the extension it loads. launch.ts and record.ts read it; scripts/setup.mjs
// keeps its own copy of the paths and packages because it runs before `npm ci` and the build
// (browsers.test.ts checks the two agree).
import { resolve } from 'node:path';
import { packageRoot } from './package-root';

export type BrowserName = 'chromium' | 'firefox';

export interface BrowserEntry {
  /** How messages name it. */
  label: string;
  /** Environment variable that overrides `defaultPath`. */
  env: 'CHROME_PATH' | 'FIREFOX_PATH';
  defaultPath: string;
  /** Debian package to suggest when the binary is missing. */
  aptPackage: string;
  /** The extension build it loads: dist/<distDir>. */
  distDir: 'chrome' | 'firefox';
}

export const BROWSERS: Readonly<Record<BrowserName, BrowserEntry>> = {
  chromium: { label: 'Chromium', env: 'CHROME_PATH', defaultPath: '/usr/bin/chromium', aptPackage: 'chromium', distDir: 'chrome' },
  firefox: { label: 'Firefox', env: 'FIREFOX_PATH', defaultPath: '/usr/bin/firefox-esr', aptPackage: 'firefox-esr', distDir: 'firefox' },
};

/** Firefox add-on id, from manifest.json's browser_specific_settings.gecko.id. */
export const GECKO_ID = 'realtime-inspector@example.org';

export const CHROMIUM_ARGS = [
  '--no-sandbox', // CI runs as root
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  // Without these Chromium keeps trying to reach Google's hosts, which this network refuses.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Background tabs must not be throttled while we measure or record them.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/** Lets us open moz-extension:// pages and reach the browser chrome (DevTools toolbox). */
export const FIREFOX_ARGS = ['--remote-allow-system-access'];

export function defaultExtensionDir(name: BrowserName): string {
  return resolve(packageRoot(), 'dist', BROWSERS[name].distDir);
}

/** $CHROME_PATH / $FIREFOX_PATH when set and not empty, else Debian's path. */
export function defaultExecutablePath(name: BrowserName): string {
  const entry = BROWSERS[name];
  return process.env[entry.env] || entry.defaultPath;
}

/** The one message for a missing browser binary (the CLI prints it as is). */
export function browserNotFound(name: BrowserName, path: string): string {
  const entry = BROWSERS[name];
  return `${entry.label} not found at ${path}; install it (apt-get install ${entry.aptPackage}) or set ${entry.env}`;
}
