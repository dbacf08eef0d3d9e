import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BROWSERS, browserNotFound, defaultExecutablePath, defaultExtensionDir } from './browsers';
import { packageRoot } from './package-root';

afterEach(() => vi.unstubAllEnvs());

describe('the browser table', () => {
  it('is what scripts/setup.mjs installs (it keeps a copy: it runs before npm ci and the build)', () => {
    const setup = readFileSync(join(packageRoot(), 'scripts', 'setup.mjs'), 'utf8');
    for (const b of Object.values(BROWSERS)) {
      expect(setup).toContain(`['${b.aptPackage}', process.env.${b.env} || '${b.defaultPath}']`);
    }
  });

  it('takes the binary from the environment unless it is unset or empty', () => {
    vi.stubEnv('FIREFOX_PATH', '/opt/ff/firefox');
    expect(defaultExecutablePath('firefox')).toBe('/opt/ff/firefox');
    vi.stubEnv('CHROME_PATH', '');
    expect(defaultExecutablePath('chromium')).toBe('/usr/bin/chromium');
  });

  it('loads dist/chrome into Chromium and dist/firefox into Firefox', () => {
    expect(defaultExtensionDir('chromium')).toBe(join(packageRoot(), 'dist', 'chrome'));
    expect(defaultExtensionDir('firefox')).toBe(join(packageRoot(), 'dist', 'firefox'));
  });

  it('says how to get a missing browser', () => {
    expect(browserNotFound('firefox', '/x/ff')).toBe('Firefox not found at /x/ff; install it (apt-get install firefox-esr) or set FIREFOX_PATH');
  });
});
