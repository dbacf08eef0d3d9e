// Watches EventSource requests with webRequest (observing only, never blocking): the
// Last-Event-ID header the browser sent, the response status, content type and HTTP version, or
// the network error. Page script cannot see any of these; the findings analysis needs them
// (resume checks, "the browser gave up" reasons, HTTP/1.1 connection-limit pressure).
// EventSource requests are recognised by their `Accept: text/event-stream` header.

import type { RequestRow } from '../contracts/model';

/** The parts of webRequest details we read (typed structurally: both browsers, no polyfill types). */
interface Header {
  name: string;
  value?: string;
}
interface Details {
  requestId: string;
  url: string;
  tabId: number;
  timeStamp: number;
  requestHeaders?: Header[];
  responseHeaders?: Header[];
  statusCode?: number;
  statusLine?: string;
  error?: string;
}

const header = (headers: Header[] | undefined, name: string) => headers?.find((h) => h.name.toLowerCase() === name)?.value;

/** "HTTP/1.1 200 OK" → "HTTP/1.1"; "HTTP/2 200" → "HTTP/2". */
export function httpVersionOf(statusLine: string | undefined): string | undefined {
  const m = /^(HTTP\/[\d.]+)\s/i.exec(statusLine ?? '');
  return m ? m[1]!.toUpperCase() : undefined;
}

export class RequestObserver {
  private readonly pending = new Map<string, RequestRow>();

  constructor(private readonly emit: (row: RequestRow) => void) {}

  sendHeaders(d: Details): void {
    if (d.tabId < 0 || header(d.requestHeaders, 'accept') !== 'text/event-stream') return;
    const row: RequestRow = { tabId: d.tabId, url: d.url, t: d.timeStamp };
    const lastEventId = header(d.requestHeaders, 'last-event-id');
    if (lastEventId !== undefined) row.lastEventId = lastEventId;
    this.pending.set(d.requestId, row);
    // Bounded even if a browser never reports the end of some requests.
    if (this.pending.size > 1000) this.pending.delete(this.pending.keys().next().value!);
  }

  headersReceived(d: Details): void {
    const row = this.pending.get(d.requestId);
    if (!row) return;
    this.pending.delete(d.requestId);
    if (d.statusCode !== undefined) row.statusCode = d.statusCode;
    const contentType = header(d.responseHeaders, 'content-type');
    if (contentType !== undefined) row.contentType = contentType;
    const version = httpVersionOf(d.statusLine);
    if (version !== undefined) row.httpVersion = version;
    this.emit(row);
  }

  errorOccurred(d: Details): void {
    const row = this.pending.get(d.requestId);
    if (!row) return; // errors after the response started are the stream dropping: seen by the hook
    this.pending.delete(d.requestId);
    if (d.error !== undefined) row.error = d.error;
    this.emit(row);
  }
}
