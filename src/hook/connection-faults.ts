// Faults on one WebSocket or EventSource (docs/faults.md), made on the first fault command for it
// and never before: while no fault is armed a connection pays one null check per message, send
// and close.
//
// Our listeners are the first of the connection's (websocket.ts, eventsource.ts), so a fault can stop a trusted
// event before any page listener sees it (stopImmediatePropagation) and show the page a copy
// later, built with the page realm's own constructors captured at startup. Such copies are not
// trusted events (`isTrusted` false), which no page can tell from the network's only by that flag.
// Every step is recorded as a `fault` record beside the real traffic: the log says what the
// network did and what the page was shown.

import type { FaultRecord, HookRecord } from '../contracts/protocol';
import type { FaultCommand } from './fault-command';
import type { HookContext } from './context';
import { bytesOf, dataKind, ARRAY_BUFFER, VIEW, TEXT, type DataKind } from './data-kind';
import { NO_PAGE_PROTO, ownArray, stringIndexOf } from './intrinsics';
import type { ConnState } from './ordered-sink';

const P = NO_PAGE_PROTO as Record<string, never>;

export interface ConnectionFaultDeps {
  ctx: HookContext;
  kind: 'websocket' | 'eventsource';
  /** The WebSocket or EventSource (typed as a socket: only dispatchEvent and the deps below touch it). */
  ws: WebSocket;
  conn: ConnState;
  readyState(ws: WebSocket): number;
  /** The native close() and send(), bypassing our traps (a fault's own calls are not the page's). */
  nativeClose(ws: WebSocket): void;
  nativeSend(ws: WebSocket, data: unknown): void;
  /** Records a real outgoing message (it reached the native send()). */
  recordOut(data: unknown, kind: DataKind): void;
  /** EventSource: the fault's native close() ended it (recorded, since no event fires). */
  closedByFault(): void;
}

export interface ConnectionFaults {
  command(cmd: FaultCommand): void;
  /** A trusted incoming message, already recorded. */
  message(ev: MessageEvent): void;
  /** A page send() while sends may be held: true when it was held (the native send was not called). */
  hold(args: unknown[]): boolean;
  /** The trusted close, already recorded: true when the page must be shown a simulated one instead. */
  close(ev: Event): void;
}

interface MessageFault {
  id: string;
  mode: FaultCommand['mode'];
  left: number;
  match: string;
  delayMs: number;
  /** reorder: the message held back until the next one passed. */
  held: MessageEvent | null;
}

export function createConnectionFaults(d: ConnectionFaultDeps): ConnectionFaults {
  const { ctx, ws, conn } = d;
  const n = ctx.n;
  let dropId: string | null = null;
  let msg: MessageFault | null = null;
  let sends: { id: string; queue: unknown[][] } | null = null;
  let origin = '';

  const mark = (id: string, what: FaultRecord['what'], extra?: Partial<FaultRecord>) => {
    const rec = { __proto__: P, k: 'fault', c: conn.c, t: ctx.now(), f: id, what } as unknown as FaultRecord;
    if (extra !== undefined) {
      if (extra.action !== undefined) rec.action = extra.action;
      if (extra.mode !== undefined) rec.mode = extra.mode;
      if (extra.count !== undefined) rec.count = extra.count;
      if (extra.delayMs !== undefined) rec.delayMs = extra.delayMs;
      if (extra.outageMs !== undefined) rec.outageMs = extra.outageMs;
      if (extra.code !== undefined) rec.code = extra.code;
      if (extra.data !== undefined) rec.data = extra.data;
      if (extra.note !== undefined) rec.note = extra.note;
    }
    ctx.emit(conn, rec as HookRecord, 200 + (extra?.data?.length ?? 0));
  };

  const copyOf = (ev: MessageEvent): MessageEvent =>
    new n.NativeMessageEvent(n.eventType(ev), { __proto__: null, data: n.messageData(ev), origin: n.messageOrigin(ev), lastEventId: n.messageLastEventId(ev) } as MessageEventInit);

  /** Shows the page a message copy later, unless the socket is no longer open by then. */
  const showLater = (id: string, ev: MessageEvent, ms: number) => {
    n.setTimeout(() => {
      try {
        if (d.readyState(ws) !== 1) {
          mark(id, 'discarded', { note: 'the socket was no longer open' });
          return;
        }
        mark(id, 'shown-message');
        n.dispatchEvent(ws, ev);
      } catch {
        // nothing of ours may reach the page (a page listener's throw is reported by the browser)
      }
    }, ms);
  };

  const endMessages = (note: string) => {
    if (msg === null) return;
    const m = msg;
    msg = null;
    if (m.held !== null) showLater(m.id, m.held, 0);
    mark(m.id, 'ended', { note });
  };

  const release = (note: string) => {
    if (sends === null) return;
    const s = sends;
    sends = null;
    let sent = 0;
    for (let i = 0; i < s.queue.length; i++) {
      const data = s.queue[i]![0];
      if (d.readyState(ws) !== 1) break;
      d.nativeSend(ws, data);
      d.recordOut(data, dataKind(n, data));
      sent++;
    }
    if (sent < s.queue.length) mark(s.id, 'discarded', { count: s.queue.length - sent, note: 'the socket was no longer open' });
    mark(s.id, 'released', { count: sent, note });
  };

  return {
    command(cmd) {
      const open = d.readyState(ws) === 1;
      switch (cmd.kind) {
        case 'drop':
          if (!open || dropId !== null) {
            mark(cmd.id, 'failed', { action: 'drop', note: open ? 'a drop is already under way' : 'the socket is not open' });
            return;
          }
          if (d.kind === 'eventsource') {
            // No page-side way makes the browser's own EventSource reconnect: the drop is shown as
            // a failed connection (error, readyState CLOSED), like a reconnect refused with an HTTP
            // error. The native close() ends the request for real (docs/faults.md).
            mark(cmd.id, 'armed', { action: 'drop', outageMs: cmd.outageMs });
            d.nativeClose(ws);
            d.closedByFault();
            endMessages('the connection was dropped');
            mark(cmd.id, 'shown-error');
            n.dispatchEvent(ws, new n.NativeEvent('error'));
            mark(cmd.id, 'ended');
            return;
          }
          dropId = cmd.id;
          mark(cmd.id, 'armed', { action: 'drop', outageMs: cmd.outageMs });
          // The browser closes the socket for real; its close event is replaced (close() below).
          d.nativeClose(ws);
          return;
        case 'messages':
          endMessages('replaced by a new message fault');
          msg = { id: cmd.id, mode: cmd.mode, left: cmd.count, match: cmd.match, delayMs: cmd.delayMs, held: null };
          mark(cmd.id, 'armed', { action: 'messages', mode: cmd.mode, count: cmd.count, delayMs: cmd.delayMs, note: cmd.match === '' ? undefined : `matching ${cmd.match}` });
          return;
        case 'hold-sends':
          if (d.kind !== 'websocket') {
            mark(cmd.id, 'failed', { action: 'hold-sends', note: 'an EventSource sends nothing' });
            return;
          }
          if (sends !== null) return;
          sends = { id: cmd.id, queue: ownArray<unknown[]>() };
          mark(cmd.id, 'armed', { action: 'hold-sends' });
          return;
        case 'release-sends':
          release('released on request');
          return;
        case 'inject': {
          if (!open) {
            mark(cmd.id, 'failed', { action: 'inject', note: 'the socket is not open' });
            return;
          }
          mark(cmd.id, 'injected', { action: 'inject', data: cmd.data });
          n.dispatchEvent(ws, new n.NativeMessageEvent('message', { __proto__: null, data: cmd.data, origin } as MessageEventInit));
          return;
        }
        case 'send':
          if (!open || d.kind !== 'websocket') {
            mark(cmd.id, 'failed', { action: 'send', note: 'the socket is not open' });
            return;
          }
          d.nativeSend(ws, cmd.data);
          d.recordOut(cmd.data, TEXT);
          mark(cmd.id, 'sent', { action: 'send' });
          return;
        case 'disarm':
          endMessages('disarmed');
          release('disarmed');
          return;
      }
    },

    message(ev) {
      if (origin === '') origin = n.messageOrigin(ev);
      const m = msg;
      if (m === null) return;
      if (m.match !== '') {
        const data = n.messageData(ev);
        if (typeof data !== 'string' || stringIndexOf(data, m.match) < 0) return;
      }
      switch (m.mode) {
        case 'drop':
          n.stopImmediatePropagation(ev);
          mark(m.id, 'suppressed');
          break;
        case 'delay':
          n.stopImmediatePropagation(ev);
          mark(m.id, 'delayed', { delayMs: m.delayMs });
          showLater(m.id, copyOf(ev), m.delayMs);
          break;
        case 'duplicate':
          mark(m.id, 'duplicated');
          showLater(m.id, copyOf(ev), 0);
          break;
        case 'reorder':
          if (m.held === null) {
            // Held back: shown after the next message, which passes now.
            n.stopImmediatePropagation(ev);
            m.held = copyOf(ev);
            mark(m.id, 'reordered');
            return;
          }
          showLater(m.id, m.held, 0);
          m.held = null;
          break;
        default:
          return;
      }
      if (--m.left <= 0) {
        msg = null;
        mark(m.id, 'ended', { note: 'count used up' });
      }
    },

    hold(args) {
      if (sends === null) return false;
      let data = args[0];
      const kind = dataKind(n, data);
      // The page may reuse its buffer after send(): hold a copy of the bytes, as the native send does.
      if (kind === ARRAY_BUFFER || kind === VIEW) data = new n.NativeUint8Array(bytesOf(n, data as ArrayBuffer, kind, Infinity).bytes);
      const entry = ownArray<unknown>();
      entry[0] = data;
      sends.queue[sends.queue.length] = entry;
      mark(sends.id, 'held', typeof data === 'string' ? { data } : undefined);
      return true;
    },

    close(ev) {
      endMessages('the connection closed');
      if (sends !== null) {
        const s = sends;
        sends = null;
        mark(s.id, 'discarded', { count: s.queue.length, note: 'the connection closed with sends held' });
      }
      if (dropId === null) return;
      const id = dropId;
      dropId = null;
      // What a network loss looks like to the page: error, then close 1006, not clean. The real
      // close (recorded just before, with the code the browser gave it) is not shown.
      n.stopImmediatePropagation(ev);
      mark(id, 'shown-error');
      n.dispatchEvent(ws, new n.NativeEvent('error'));
      mark(id, 'shown-close', { code: 1006 });
      n.dispatchEvent(ws, new n.NativeCloseEvent('close', { __proto__: null, code: 1006, reason: '', wasClean: false } as CloseEventInit));
      mark(id, 'ended');
    },
  };
}
