// MAIN-world content script, run at document_start in every frame (see manifest.json). A thin
// shell: everything lives in plain modules; nothing is exported or left on the page's globals,
// and nothing of ours may ever throw into the page.

import { install } from './install';

try {
  install(window);
} catch {
  // The page works exactly as without the extension; this document is just not recorded.
}

// The frames of ours that V8 still shows to the page (a page callback that a wrapped native runs,
// see docs/architecture.md) would carry chrome-extension://<extension id>/…, a perfect
// fingerprint: V8 names a script's frames after its `sourceURL` comment when it has one
// (v8/src/objects/script.cc, Script::GetNameOrSourceURL). vite.config.ts appends
// `//# sourceURL=<anonymous>` to the built file (a comment here would not survive the bundler).
