// Builds the Node side (recorder API, recorder CLI, demo server) to plain ESM in dist/recorder/,
// so `import { launchInspectedBrowser } from 'realtime-inspector/recorder'` works with plain
// node — no TypeScript loader. The extension itself is built by vite.config.ts.
import { defineConfig } from 'vite';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';

const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as { version: string };

// Run-time dependencies stay imports (installed next to the package), never bundled. The
// Playwright ones are the optional peer dependency of the `playwright` entry: the user's own copy
// must be the one that runs their tests (@playwright/test refuses to be loaded twice).
const runtimeDeps = ['puppeteer-core', 'ws', 'ajv', 'ajv-formats', '@playwright/test', 'playwright', 'playwright-core'];
const isExternal = (id: string): boolean =>
  id.startsWith('node:') ||
  builtinModules.includes(id) ||
  runtimeDeps.some((dep) => id === dep || id.startsWith(`${dep}/`));

export default defineConfig({
  define: {
    __RI_VERSION__: JSON.stringify(pkg.version),
  },
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist/recorder',
    emptyOutDir: true,
    minify: false,
    sourcemap: true,
    copyPublicDir: false,
    rolldownOptions: {
      input: {
        index: resolve(import.meta.dirname, 'src/recorder/index.ts'),
        cli: resolve(import.meta.dirname, 'src/recorder/cli.ts'),
        playwright: resolve(import.meta.dirname, 'src/recorder/playwright.ts'),
        'demo-server': resolve(import.meta.dirname, 'src/demo/server.ts'),
      },
      external: isExternal,
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
