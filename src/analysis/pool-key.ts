// Which connection pool an EventSource draws from. Browsers no longer share one pool of 6 per
// origin across the profile: both key it by the top-level site too (network state partitioning;
// measured on this machine's Chromium and Firefox, test/connection-pools.e2e.test.ts: tabs on
// two sites hold 6 + 1 streams to one origin without a stall, tabs on one site — even on two
// ports — stall the 7th). Chromium also separates a cross-site iframe's requests from its top
// frame's (the "is cross-site" bit of its NetworkAnonymizationKey); Firefox does not. Counting
// them apart can only miss pressure in Firefox, never invent it, so this model keeps the bit.
// Private windows have pools of their own; the tabs recorded here are normal ones (the
// extension does not run in private windows unless allowed), which the key cannot see.

import type { ConnView } from './context';
import { siteOf } from './site';

/** Per pageId: the page's top-level URL (a top-frame connection's frameUrl, else any frame's). */
export function topUrls(views: readonly ConnView[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of views) if (v.conn.frameId === 0) out.set(v.conn.pageId, v.conn.frameUrl);
  for (const v of views) if (!out.has(v.conn.pageId) && v.conn.frameUrl) out.set(v.conn.pageId, v.conn.frameUrl);
  return out;
}

export interface PoolKey {
  /** The top-level site whose pool it is ("unknown" when the page URL was not a URL). */
  site: string;
  crossSiteFrame: boolean;
  key: string;
}

export function poolKey(view: ConnView, tops: ReadonlyMap<string, string>): PoolKey {
  const top = tops.get(view.conn.pageId) ?? view.conn.frameUrl;
  const site = siteOf(top) ?? 'unknown';
  const frameSite = siteOf(view.conn.frameUrl) ?? site;
  const crossSiteFrame = frameSite !== site;
  return { site, crossSiteFrame, key: `${site}\u0000${crossSiteFrame ? 'cross-site' : 'same-site'}` };
}
