// One source tree, one manifest, two builds: `RI_BROWSER=chrome|firefox vite build`.
// Browser differences live here and in manifest.json, never in `if (firefox)` in src/.
import { defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Target = 'chrome' | 'firefox';
const target = (process.env.RI_BROWSER ?? 'chrome') as Target;
if (target !== 'chrome' && target !== 'firefox') throw new Error(`RI_BROWSER must be chrome or firefox, got ${target}`);

// Benchmark ablation builds only (src/contracts/globals.d.ts __RI_ABLATE__), into their own folder.
const ablate = process.env.RI_ABLATE ?? '';
if (!['', 'listener', 'no-dispatch', 'relay-drop', 'background-drop'].includes(ablate)) throw new Error(`RI_ABLATE must be listener, no-dispatch, relay-drop or background-drop, got ${ablate}`);

const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, 'manifest.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8'));
manifest.version = pkg.version;

export default defineConfig({
  define: {
    __RI_VERSION__: JSON.stringify(pkg.version),
    __RI_BROWSER__: JSON.stringify(target),
    __RI_ABLATE__: JSON.stringify(ablate),
  },
  plugins: [
    crx({
      manifest,
      browser: target,
      // Both content scripts must be one synchronous IIFE each: crxjs' default loader does
      // `await import()`, so the relay would attach late and a page's first events would be lost.
      contentScripts: { standaloneFiles: ['src/hook/index.ts', 'src/relay/index.ts'] },
    }),
  ],
  build: {
    outDir: ablate ? `dist/ablate/${ablate}-${target}` : `dist/${target}`,
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: false,
    rollupOptions: {
      // Extension pages that the manifest does not reference.
      input: {
        panel: resolve(import.meta.dirname, 'src/panel/panel.html'),
        exporter: resolve(import.meta.dirname, 'src/exporter/exporter.html'),
        viewer: resolve(import.meta.dirname, 'src/viewer/viewer.html'),
      },
    },
  },
});
