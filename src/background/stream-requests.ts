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
  responseHeaders?: Array<{ name: string; value?: string }>;
}

export interface StreamRequest {
  url: string;
  method: string;
  /** Epoch ms: the request's headers were sent / its response's headers arrived. */
  requestStartedAt: number;
  responseStartedAt: number;
}

const MAX_PENDING = 500;
const MAX_PER_TAB = 50;
/** A response older than this is no longer joined to a new connection. */
const MAX_AGE_MS = 60_000;

export class StreamRequests {
  private readonly pending = new Map<string, { method: string; t: number }>();
  private readonly byTab = new Map<number, StreamRequest[]>();

  sendHeaders(d: Details): void {
    if (d.tabId < 0) return;
    this.pending.set(d.requestId, { method: d.method ?? 'GET', t: d.timeStamp });
    if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
  }

  headersReceived(d: Details): void {
    const p = this.pending.get(d.requestId);
    if (!p) return;
    this.pending.delete(d.requestId);
    const type = d.responseHeaders?.find((h) => h.name.toLowerCase() === 'content-type')?.value;
    if (type === undefined || !STREAM_CONTENT_TYPE.test(type)) return;
    const list = this.byTab.get(d.tabId) ?? [];
    list.push({ url: d.url, method: p.method, requestStartedAt: p.t, responseStartedAt: d.timeStamp });
    if (list.length > MAX_PER_TAB) list.shift();
    this.byTab.set(d.tabId, list);
  }

  /** The request behind a fetch-stream connection the page started reading at `t`, claimed once. */
  take(tabId: number, url: string, t: number): StreamRequest | undefined {
    const list = this.byTab.get(tabId);
    if (!list) return undefined;
    const i = list.findIndex((r) => r.url === url && r.responseStartedAt <= t + 1000 && t - r.responseStartedAt <= MAX_AGE_MS);
    if (i < 0) return undefined;
    const [r] = list.splice(i, 1);
    return r;
  }

  tabClosed(tabId: number): void {
    this.byTab.delete(tabId);
  }
}
