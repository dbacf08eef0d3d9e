// The toolbar's settings button: the extension's options page (its own tab or the add-ons page).

import browser from 'webextension-polyfill';

export function openSettings(): void {
  browser.runtime.openOptionsPage().catch((e: unknown) => {
    // No options page in this build (or the browser refused): say so instead of doing nothing.
    console.warn('[realtime-inspector] could not open the options page', e);
  });
}
