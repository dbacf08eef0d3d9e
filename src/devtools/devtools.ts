// The DevTools page only registers the panel. The tab id Chrome gives the panel is this
// extension's origin + the title without spaces, so the title is part of the test contract.

import browser from 'webextension-polyfill';

export const PANEL_TITLE = 'Realtime';
/** Where vite/crxjs emit the panel page (the `panel` build input keeps its source path). */
export const PANEL_PAGE = '/src/panel/panel.html';

browser.devtools.panels.create(PANEL_TITLE, '/icons/icon-16.png', PANEL_PAGE).catch(() => {
  // Nothing to show it to: DevTools is closing.
});
