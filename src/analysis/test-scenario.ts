// Test-only builder for event sequences (used by the *.test.ts files beside it): connections
// and events shaped exactly like stored rows, with seq numbers assigned in call order.

import type { FaultMark } from '../contracts/fault';
import type { AnalysisConnection, AnalysisEvent, AnalysisInput, AnalysisOptions, RequestObservation } from './types';

export class ConnBuilder {
  private seq = 0;
  constructor(private readonly s: Scenario, readonly conn: AnalysisConnection) {}

  get id(): string {
    return this.conn.id;
  }

  private push(ev: Omit<AnalysisEvent, 'connectionId' | 'seq'>): AnalysisEvent {
    const full = { connectionId: this.conn.id, seq: ++this.seq, ...ev } as AnalysisEvent;
    this.s.events.push(full);
    return full;
  }

  open(t: number, extra: Partial<AnalysisEvent> = {}): this {
    this.push({ t, type: 'open', size: 0, ...extra });
    if (this.conn.openedAt === undefined) this.conn.openedAt = t;
    this.conn.state = 'open';
    return this;
  }

  /** Incoming message (WebSocket) — data as text. */
  recv(t: number, data: string, extra: Partial<AnalysisEvent> = {}): this {
    this.push({ t, type: 'message', direction: 'in', data, size: data.length, ...extra });
    return this;
  }

  /** Incoming JSON message. */
  json(t: number, value: unknown): this {
    return this.recv(t, JSON.stringify(value));
  }

  /** SSE event with a lastEventId (the browser's buffer at dispatch). */
  sse(t: number, lastEventId: string, data = 'x', eventType = 'message'): this {
    this.push({ t, type: 'message', direction: 'in', data, size: data.length, eventType, lastEventId, origin: 'http://h' });
    return this;
  }

  send(t: number, data: string, bufferedAmount = 0, size = data.length): this {
    this.push({ t, type: 'message', direction: 'out', data, size, bufferedAmount });
    return this;
  }

  error(t: number, readyState: number): this {
    this.push({ t, type: 'error', size: 0, readyState });
    if (this.conn.kind === 'eventsource' && readyState === 0) this.conn.state = 'connecting';
    return this;
  }

  close(t: number, code: number, wasClean = code !== 1006 && code !== 1015, reason = ''): this {
    this.push({ t, type: 'close', size: 0, code, reason, wasClean });
    this.conn.closedAt = t;
    this.conn.close = { code, reason, wasClean };
    this.conn.state = 'closed';
    return this;
  }

  /** fetch-stream: one read of the body (raw text). */
  chunk(t: number, data: string): this {
    this.push({ t, type: 'chunk', direction: 'in', data, size: data.length });
    return this;
  }

  /** fetch-stream: one record split from the body (an SSE event or NDJSON line). */
  record(t: number, data: string, extra: Partial<AnalysisEvent> = {}): this {
    this.push({ t, type: 'message', direction: 'in', data, size: data.length, ...extra });
    return this;
  }

  /** fetch-stream: the body ended. */
  end(t: number, by: 'server' | 'cancel' | 'abort' | 'error', error?: string): this {
    this.push({ t, type: 'close', size: 0, endedBy: by, ...(error ? { reason: error } : {}) });
    this.conn.streamEnd = error ? { t, by, error } : { t, by };
    this.conn.closedAt = t;
    this.conn.state = 'closed';
    return this;
  }

  /** A fault mark (docs/faults.md), as the background stores it. */
  fault(t: number, mark: FaultMark, data?: string): this {
    this.push({ t, type: 'fault', size: data?.length ?? 0, fault: mark, ...(data !== undefined ? { data } : {}) });
    return this;
  }

  closeCall(t: number, code?: number): this {
    this.conn.closeCall = code === undefined ? { t } : { t, code };
    if (this.conn.kind === 'eventsource') {
      this.conn.closedAt = t;
      this.conn.state = 'closed';
    }
    return this;
  }
}

export class Scenario {
  connections: AnalysisConnection[] = [];
  events: AnalysisEvent[] = [];
  requests: RequestObservation[] = [];

  private add(kind: AnalysisConnection['kind'], id: string, createdAt: number, over: Partial<AnalysisConnection>): ConnBuilder {
    const url = over.url ?? (kind === 'websocket' ? 'ws://127.0.0.1:9000/ws' : 'http://127.0.0.1:9000/feed');
    const conn: AnalysisConnection = {
      id,
      tabId: 1,
      pageId: 'p1',
      kind,
      url,
      origin: new URL(url).origin,
      frameUrl: 'http://127.0.0.1:9000/',
      createdAt,
      state: 'connecting',
      ...over,
    };
    this.connections.push(conn);
    return new ConnBuilder(this, conn);
  }

  ws(id: string, createdAt: number, over: Partial<AnalysisConnection> = {}): ConnBuilder {
    return this.add('websocket', id, createdAt, over);
  }

  es(id: string, createdAt: number, over: Partial<AnalysisConnection> = {}): ConnBuilder {
    return this.add('eventsource', id, createdAt, over);
  }

  /** A streamed fetch response (SSE unless `over` says otherwise). */
  fetch(id: string, createdAt: number, over: Partial<AnalysisConnection> = {}): ConnBuilder {
    return this.add('fetch-stream', id, createdAt, { url: 'http://127.0.0.1:9000/v1/chat', method: 'POST', streamFormat: 'sse', ...over });
  }

  request(r: RequestObservation): this {
    this.requests.push(r);
    return this;
  }

  input(options?: AnalysisOptions): AnalysisInput {
    const events = [...this.events].sort((a, b) => (a.connectionId < b.connectionId ? -1 : a.connectionId > b.connectionId ? 1 : a.seq - b.seq));
    const input: AnalysisInput = { connections: this.connections, events };
    if (this.requests.length > 0) input.requests = this.requests;
    if (options) input.options = options;
    return input;
  }
}

/** An unsigned-looking JWT with the given payload (the signature is never checked). */
export function makeJwt(payload: object): string {
  const b64url = (s: string) => Buffer.from(s).toString('base64url');
  return `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify(payload))}.c2lnbmF0dXJl`;
}
