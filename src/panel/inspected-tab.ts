// Which tab this panel shows: the inspected one inside DevTools, or `?tabId=` when the page is
// opened as a plain extension page (debugging, tests).

import browser from 'webextension-polyfill';

export function inspectedTabId(): number | undefined {
  const fromDevtools = browser.devtools?.inspectedWindow?.tabId;
  if (Number.isSafeInteger(fromDevtools)) return fromDevtools;
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId') ?? NaN);
  return Number.isSafeInteger(fromQuery) ? fromQuery : undefined;
}
