// Whether a document's records are stored, from the top-level page's URL and the settings. Pure.
// The hook still runs everywhere (it is a content script for all http(s) pages, and it is
// transparent to the page); for a site that is not recorded the background drops what it sends.

import { matchesAny } from './host-pattern';
import type { Settings } from '../contracts/settings';

export function isSiteRecorded(topUrl: string | undefined, s: Pick<Settings, 'recordMode' | 'sites' | 'excludedSites'>): boolean {
  if (s.recordMode === 'none') return false;
  let url: URL | undefined;
  try {
    url = topUrl ? new URL(topUrl) : undefined;
  } catch {
    url = undefined;
  }
  // A top document without a usable URL (about:blank popups, opaque frames) cannot match a
  // listed site: recorded only in "all sites" mode.
  if (!url) return s.recordMode === 'all';
  if (matchesAny(url, s.excludedSites)) return false;
  return s.recordMode === 'all' || matchesAny(url, s.sites);
}
