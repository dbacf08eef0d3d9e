// connection-limit-pressure (warning): an origin's EventSources and streamed fetch / XHR
// responses, over all tabs, held every
// connection the browser allows for it (6 over HTTP/1.1, or when the protocol is unknown; 100
// streams over HTTP/2 or HTTP/3). Every other request to that origin — fetches, images, the 7th
// stream — waits for a free connection, with no error ("hangs forever"). Pools are per top-level
// site (pool-key.ts): tabs of different sites do not take connections from each other.

import { makeFinding, ref } from '../finding';
import { formatDuration, plural } from '../format';
import { holdersText, originPools, poolText, protocolText } from '../origin-pool';
import type { Shared } from '../shared-analysis';
import type { Evidence, Finding } from '../types';

export function detectConnectionLimitPressure(shared: Shared): Finding[] {
  const out: Finding[] = [];
  const now = shared.ctx.now;
  for (const pool of originPools(shared.ctx)) {
    for (const ep of pool.episodes) {
      const ongoing = ep.end === Infinity;
      const duration = (ongoing ? now : ep.end) - ep.start;
      const tabs = [...new Set(ep.members.map((v) => v.conn.tabId))].sort((a, b) => a - b);
      const evidence: Evidence = {
        origin: pool.origin,
        site: pool.site,
        protocol: pool.protocol,
        limit: pool.limit,
        maxConcurrent: ep.max,
        durationMs: duration,
        ongoing,
        tabs,
        holders: ep.members.map((v) => {
          const h: Evidence = { connectionId: v.conn.id, tabId: v.conn.tabId, since: v.conn.createdAt };
          const first = v.events[0];
          if (first) h.firstEvent = ref(first);
          if (v.end.t !== undefined) h.until = v.end.t;
          return h;
        }),
      };
      const unit = pool.protocol === 'h2' || pool.protocol === 'h3' ? 'streams' : 'connections';
      const proto = pool.protocol === 'unknown' ? 'HTTP/1.1 (assumed: the protocol was not observed)' : protocolText(pool.protocol);
      out.push(makeFinding({
        kind: 'connection-limit-pressure',
        severity: 'warning',
        t: ep.start,
        connectionIds: ep.members.map((v) => v.conn.id),
        message: `${holdersText(ep.members)} in ${plural(tabs.length, 'tab')} held all ${pool.limit} ${unit} the browser allows to ${pool.origin} from ${poolText(pool)} over ${proto} ${ongoing ? `for ${formatDuration(duration)} and counting` : `for ${formatDuration(duration)}`}, so every other request to that origin had to wait.`,
        evidence,
        anchor: { origin: pool.origin, site: pool.site, start: ep.start },
      }));
    }
  }
  return out;
}
