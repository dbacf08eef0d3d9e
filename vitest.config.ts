// Unit tests: beside the code, no browser, fast. End-to-end tests use vitest.e2e.config.ts.
import { defineConfig } from 'vitest/config';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as { version: string };

export default defineConfig({
  define: {
    // Same build-time constants as vite.config.ts, so modules that read them load in tests.
    __RI_VERSION__: JSON.stringify(pkg.version),
    __RI_BROWSER__: JSON.stringify('chrome'),
    __RI_ABLATE__: JSON.stringify(''),
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.mjs'],
    environment: 'node',
    passWithNoTests: false,
    // CI also writes a JSON report, summed up by scripts/test-summary.mjs into one closing line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.tmp/vitest-unit.json' },
  },
});
