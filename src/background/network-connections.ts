// Real-time connections that only the network layer saw: WebSockets, EventSources and streamed
// responses opened in dedicated Workers and SharedWorkers, which the page hook (it wraps the
// window's constructors) never reaches. Observed with webRequest, never blocking. What each
// browser tells, measured with scripts/probes/worker-requests (Chromium 156, Firefox 153):
//
// - A dedicated worker's requests carry its document's tab (Chromium: also its frameId and
//   documentId; Firefox: its tab, and for HTTP requests `documentUrl` = the worker's script).
//   Nothing in Chromium's details tells them from the document's own: a request is taken as
//   "not the hook's" only when no connection the hook recorded in that tab claims it (ingest.ts).
// - A SharedWorker's requests have tabId -1 in both browsers (Firefox: `documentUrl` = its
//   script); they are shown in the tabs whose top-level page has the worker's origin. Chromium
//   reports no event at all for a SharedWorker's WebSocket handshake (the server sees it).
// - WebSocket: the handshake's status (101) arrives in onHeadersReceived and onCompleted fires
//   right after it; the socket's close is never reported. HTTP streams end with onCompleted (the
//   server ended the body) or onErrorOccurred (closed by the worker, or a network error).
// - EventSource requests are told from fetch() by their `Accept: text/event-stream` header; a
//   response counts only with a streamed Content-Type (src/contracts/stream-content-type.ts) or,
//   for WebSockets, always (a failed handshake too).

import type { ChannelKind } from '../contracts/model';
import { STREAM_CONTENT_TYPE } from '../contracts/stream-content-type';

interface Header {
  name: string;
  value?: string;
}

interface Details {
  requestId: string;
  url: string;
  tabId: number;
  type?: string;
  timeStamp: number;
  statusCode?: number;
  error?: string;
  initiator?: string;
  documentUrl?: string;
  requestHeaders?: Header[];
  responseHeaders?: Header[];
}

/** One connection as the network saw it; mutated as its later events arrive. */
export interface NetworkConnection {
  requestId: string;
  kind: ChannelKind;
  url: string;
  /** -1: the browser tied the request to no tab (a SharedWorker, or a service worker). */
  tabId: number;
  /** The origin that made it (Chromium's `initiator`, else the script's or the URL's origin). */
  initiatorOrigin: string;
  /** Firefox: the document or worker script that made it (a worker's HTTP requests name its script). */
  documentUrl?: string;
  requestStartedAt: number;
  openedAt?: number;
  status?: number;
  contentType?: string;
  endedAt?: number;
  /** onErrorOccurred's error (net::ERR_ABORTED, NS_ERROR_ABORT…), or `HTTP <status>` for a refused handshake. */
  error?: string;
}

const MAX_PENDING = 500;
const header = (headers: Header[] | undefined, name: string) => headers?.find((h) => h.name.toLowerCase() === name)?.value;

function originOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const o = new URL(url).origin;
    return o === 'null' ? undefined : o;
  } catch {
    return undefined;
  }
}

export class NetworkConnections {
  private readonly pending = new Map<string, NetworkConnection>();

  /**
   * `opened`: the response (or handshake answer) arrived, or the request failed before it;
   * `ended`: an HTTP stream's end (never called for WebSockets). Same object both times.
   */
  constructor(
    private readonly opened: (c: NetworkConnection) => void,
    private readonly ended: (c: NetworkConnection) => void,
  ) {}

  sendHeaders(d: Details): void {
    const ws = d.type === 'websocket';
    const kind: ChannelKind = ws ? 'websocket' : header(d.requestHeaders, 'accept') === 'text/event-stream' ? 'eventsource' : 'fetch-stream';
    const url = ws ? d.url.replace(/^http/, 'ws') : d.url;
    const initiatorOrigin = originOf(d.initiator) ?? originOf(d.documentUrl) ?? originOf(d.url.replace(/^ws/, 'http'));
    if (initiatorOrigin === undefined) return;
    const c: NetworkConnection = { requestId: d.requestId, kind, url, tabId: d.tabId, initiatorOrigin, requestStartedAt: d.timeStamp };
    if (d.documentUrl !== undefined) c.documentUrl = d.documentUrl;
    this.pending.set(d.requestId, c);
    // Bounded even if a browser never reports the end of some requests.
    if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
  }

  headersReceived(d: Details): void {
    const c = this.pending.get(d.requestId);
    if (!c) return;
    c.status = d.statusCode;
    if (c.kind === 'websocket') {
      this.pending.delete(d.requestId);
      if (d.statusCode === 101) c.openedAt = d.timeStamp;
      else {
        c.endedAt = d.timeStamp;
        c.error = `HTTP ${d.statusCode ?? '?'}`;
      }
      this.opened(c);
      return;
    }
    const type = header(d.responseHeaders, 'content-type');
    if (type === undefined || !STREAM_CONTENT_TYPE.test(type)) {
      this.pending.delete(d.requestId);
      return;
    }
    c.contentType = type;
    c.openedAt = d.timeStamp;
    this.opened(c);
  }

  completed(d: Details): void {
    const c = this.pending.get(d.requestId);
    if (!c) return;
    this.pending.delete(d.requestId);
    if (c.openedAt === undefined) return; // a redirect or a response that was not a stream
    c.endedAt = d.timeStamp;
    this.ended(c);
  }

  errorOccurred(d: Details): void {
    const c = this.pending.get(d.requestId);
    if (!c) return;
    this.pending.delete(d.requestId);
    c.endedAt = d.timeStamp;
    if (d.error !== undefined) c.error = d.error;
    // A WebSocket whose handshake failed before any answer, or a stream that ended in an error.
    if (c.openedAt === undefined) {
      if (c.kind === 'websocket') this.opened(c);
      return;
    }
    this.ended(c);
  }
}
