// The HTTP side of streamed fetch responses, seen with webRequest (observing only): the request
// method and when the request started and its response headers arrived. The page hook cannot see
// these without running page code or reacting to fetch()'s promise (docs/architecture.md,
// Streamed fetch responses), so the background joins them to the hook's connection when it is
// created: same tab, same URL, the oldest stream response not yet claimed.

import { STREAM_CONTENT_TYPE } from '../contracts/stream-content-type';

interface Details {
  requestId: string;
  url: string;
  tabId: number;
  method?: string;
  timeStamp: number;
  statusCode?: number;
  requestHeaders?: Array<{ name: string; value?: string }>;
  responseHeaders?: Array<{ name: string; value?: string }>;
}

export interface StreamRequest {
  url: string;
  method: string;
  /** Epoch ms: the request's headers were sent / its response's headers arrived. */
  requestStartedAt: number;
  responseStartedAt: number;
  /** The Last-Event-ID header the request sent (fetch-event-source resends it on retry). */
  lastEventId?: string;
}

const MAX_PENDING = 500;
const MAX_PER_TAB = 50;
/** How far the page's clock (performance.timeOrigin + now) and webRequest's timeStamp may differ. */
export const STREAM_CLOCK_SLACK_MS = 50;
/** A response older than this is no longer joined to a new connection. */
const MAX_AGE_MS = 60_000;

export class StreamRequests {
  private readonly pending = new Map<string, { method: string; t: number; lastEventId?: string }>();
  private readonly byTab = new Map<number, StreamRequest[]>();

  /**
   * Called with a stream response as it is seen; true when a connection the hook already
   * reported took it (webRequest's event can come after the hook's records): not kept then.
   */
  constructor(private readonly claim: (tabId: number, r: StreamRequest) => boolean = () => false) {}

  sendHeaders(d: Details): void {
    if (d.tabId < 0) return;
    const lastEventId = d.requestHeaders?.find((h) => h.name.toLowerCase() === 'last-event-id')?.value;
    this.pending.set(d.requestId, lastEventId === undefined ? { method: d.method ?? 'GET', t: d.timeStamp } : { method: d.method ?? 'GET', t: d.timeStamp, lastEventId });
    if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
  }

  headersReceived(d: Details): void {
    const p = this.pending.get(d.requestId);
    if (!p) return;
    this.pending.delete(d.requestId);
    const type = d.responseHeaders?.find((h) => h.name.toLowerCase() === 'content-type')?.value;
    if (type === undefined || !STREAM_CONTENT_TYPE.test(type)) return;
    const r: StreamRequest = { url: d.url, method: p.method, requestStartedAt: p.t, responseStartedAt: d.timeStamp };
    if (p.lastEventId !== undefined) r.lastEventId = p.lastEventId;
    if (this.claim(d.tabId, r)) return;
    const list = this.byTab.get(d.tabId) ?? [];
    list.push(r);
    if (list.length > MAX_PER_TAB) list.shift();
    this.byTab.set(d.tabId, list);
  }

  /** The request behind a fetch-stream connection the page started reading at `t`, claimed once. */
  take(tabId: number, url: string, t: number): StreamRequest | undefined {
    const list = this.byTab.get(tabId);
    if (!list) return undefined;
    const i = list.findIndex((r) => r.url === url && r.responseStartedAt <= t + STREAM_CLOCK_SLACK_MS && t - r.responseStartedAt <= MAX_AGE_MS);
    if (i < 0) return undefined;
    const [r] = list.splice(i, 1);
    return r;
  }

  tabClosed(tabId: number): void {
    this.byTab.delete(tabId);
  }
}
