// Checks the built extensions have the shape the browsers need. Each check mirrors a failure
// that is silent at run time: crxjs's Chrome mode writes only background.service_worker and its
// Firefox mode only background.scripts, and a content script built as a loader (`await import()`)
// attaches late, so a page's first events are lost.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distDir } from './paths.mjs';

function readManifest(dist, target) {
  const file = join(dist, target, 'manifest.json');
  if (!existsSync(file)) throw new Error(`${file} is missing`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Content scripts must be one synchronous IIFE each: a loader with `import()` attaches late and loses a page's first events. */
function checkContentScripts(dist, target, manifest) {
  const scripts = manifest.content_scripts ?? [];
  if (scripts.length < 2) throw new Error(`dist/${target}: expected the hook and relay content scripts, found ${scripts.length}`);
  for (const entry of scripts) {
    if (entry.js?.length !== 1) throw new Error(`dist/${target}: a content script entry has ${entry.js?.length ?? 0} files, expected exactly 1`);
    const file = join(dist, target, entry.js[0]);
    const code = readFileSync(file, 'utf8');
    if (/\bimport\s*\(/.test(code)) throw new Error(`dist/${target}/${entry.js[0]} contains import(): it is a loader, not a standalone IIFE`);
    if (/^\s*(import|export)\s[^(]/m.test(code)) throw new Error(`dist/${target}/${entry.js[0]} has module syntax; content scripts must be classic scripts`);
  }
  const worlds = scripts.map((s) => s.world ?? 'ISOLATED');
  if (!worlds.includes('MAIN')) throw new Error(`dist/${target}: no content script runs in the MAIN world`);
}

export function verifyDist(dist = distDir) {
  const chrome = readManifest(dist, 'chrome');
  if (!chrome.background?.service_worker) throw new Error('dist/chrome/manifest.json has no background.service_worker');
  if (chrome.background.scripts) throw new Error('dist/chrome/manifest.json should not carry background.scripts');
  checkContentScripts(dist, 'chrome', chrome);

  const firefox = readManifest(dist, 'firefox');
  if (!Array.isArray(firefox.background?.scripts) || firefox.background.scripts.length === 0) {
    throw new Error('dist/firefox/manifest.json has no background.scripts');
  }
  if (!firefox.browser_specific_settings?.gecko?.id) throw new Error('dist/firefox/manifest.json has no gecko id');
  checkContentScripts(dist, 'firefox', firefox);

  for (const entry of ['index.js', 'cli.js', 'playwright.js', 'demo-server.js']) {
    if (!existsSync(join(dist, 'recorder', entry))) throw new Error(`dist/recorder/${entry} is missing`);
  }
}
