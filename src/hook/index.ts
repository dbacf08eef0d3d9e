// MAIN-world content script, run at document_start in every frame (see manifest.json). A thin
// shell: everything lives in plain modules; nothing is exported or left on the page's globals,
// and nothing of ours may ever throw into the page.

import { install } from './install';

try {
  install(window);
} catch {
  // The page works exactly as without the extension; this document is just not recorded.
}
