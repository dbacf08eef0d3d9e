import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyDist } from './verify-dist.mjs';

let dist;
const write = (rel, text) => {
  mkdirSync(dirname(join(dist, rel)), { recursive: true });
  writeFileSync(join(dist, rel), text);
};
const contentScripts = [
  { js: ['hook.js'], world: 'MAIN', matches: ['http://*/*'] },
  { js: ['relay.js'], matches: ['http://*/*'] },
];
const iife = '(function () {\n  "use strict";\n  window.x = 1;\n})();\n';

function writeGood() {
  write('chrome/manifest.json', JSON.stringify({ background: { service_worker: 'sw.js' }, content_scripts: contentScripts }));
  write('firefox/manifest.json', JSON.stringify({ background: { scripts: ['bg.js'] }, content_scripts: contentScripts, browser_specific_settings: { gecko: { id: 'a@b' } } }));
  for (const t of ['chrome', 'firefox']) {
    write(`${t}/hook.js`, iife);
    write(`${t}/relay.js`, iife);
  }
  for (const f of ['index.js', 'cli.js', 'playwright.js', 'demo-server.js']) write(`recorder/${f}`, 'export {};\n');
}

beforeEach(() => {
  dist = mkdtempSync(join(tmpdir(), 'verify-dist-'));
  writeGood();
});
afterEach(() => rmSync(dist, { recursive: true, force: true }));

describe('verifyDist', () => {
  it('accepts a well-formed build', () => {
    expect(() => verifyDist(dist)).not.toThrow();
  });

  it('rejects a content script that is a dynamic-import loader', () => {
    write('chrome/relay.js', '(async () => { await import(chrome.runtime.getURL("assets/relay.js")); })();\n');
    expect(() => verifyDist(dist)).toThrow(/relay\.js contains import\(\)/);
  });

  it('rejects a content script with module syntax', () => {
    write('firefox/hook.js', 'import { a } from "./a.js";\na();\n');
    expect(() => verifyDist(dist)).toThrow(/hook\.js has module syntax/);
  });

  it('rejects manifests with the wrong background key for the browser', () => {
    write('firefox/manifest.json', JSON.stringify({ background: { service_worker: 'sw.js' }, content_scripts: contentScripts, browser_specific_settings: { gecko: { id: 'a@b' } } }));
    expect(() => verifyDist(dist)).toThrow(/firefox.*background\.scripts/);
    writeGood();
    write('chrome/manifest.json', JSON.stringify({ background: { scripts: ['bg.js'] }, content_scripts: contentScripts }));
    expect(() => verifyDist(dist)).toThrow(/chrome.*service_worker/);
  });

  it('rejects a missing recorder entry', () => {
    rmSync(join(dist, 'recorder', 'cli.js'));
    expect(() => verifyDist(dist)).toThrow(/dist\/recorder\/cli\.js is missing/);
  });
});
