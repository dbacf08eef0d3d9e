// Applies a fault on purpose (docs/faults.md): finds the connection, puts the "refuse new
// connections" rule in force first (so the app's first reconnect already meets it), then sends
// the command down the connection's relay port to its hook. Only on an explicit request of our
// own pages (panel, recorder): nothing here runs otherwise.

import { faultCommand } from '../contracts/fault';
import type { FaultRequest, FaultResponse } from '../contracts/protocol';
import { newId } from './ids';
import type { Ingest } from './ingest';
import { refuseFilter, type RefuseRules } from './refuse-rules';

export class Faults {
  constructor(
    private readonly ingest: Pick<Ingest, 'faultTarget'>,
    private readonly rules: Pick<RefuseRules, 'refuse'>,
    private readonly now: () => number = Date.now,
  ) {}

  async apply(req: FaultRequest): Promise<FaultResponse> {
    const q: { connectionId?: string; tabId?: number; urlIncludes?: string } = {};
    if (req.connectionId !== undefined) q.connectionId = req.connectionId;
    if (req.tabId !== undefined) q.tabId = req.tabId;
    if (req.urlIncludes !== undefined) q.urlIncludes = req.urlIncludes;
    const target = this.ingest.faultTarget(q);
    if (!target) return { ok: false, error: req.connectionId !== undefined ? `no live connection ${req.connectionId}` : `no open connection whose URL contains ${JSON.stringify(req.urlIncludes)}` };
    const { conn, endpoint } = target;
    if (conn.kind === 'fetch-stream') return { ok: false, error: 'faults are not available for streamed fetch responses (docs/faults.md)' };
    if (!endpoint) return { ok: false, error: 'the page of this connection is not connected to the extension right now (it reconnects when it next records something)' };
    const action = req.action;
    const out: FaultResponse & { ok: true } = { ok: true, faultId: newId('f'), connectionId: conn.id, url: conn.url };
    let outageMs = 0;
    if (action.kind === 'drop' && (action.refuseMs ?? 0) > 0) {
      const filter = refuseFilter(conn.url, action.refuseScope ?? 'url');
      if (!filter) return { ok: false, error: `cannot refuse ${conn.url}: not a URL` };
      try {
        await this.rules.refuse(conn.tabId, filter, action.refuseMs!);
      } catch (error) {
        return { ok: false, error: `the browser refused the blocking rule: ${String(error)}` };
      }
      outageMs = action.refuseMs!;
      out.refusedUntil = this.now() + outageMs;
      out.refuseFilter = filter;
    }
    endpoint.postMessage({ type: 'fault', command: faultCommand(out.faultId, conn.localId, action, outageMs) });
    return out;
  }
}
