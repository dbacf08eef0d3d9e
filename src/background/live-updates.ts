// Pushes what each commit changed to the DevTools panels subscribed to that tab. Panels read
// history from IndexedDB themselves; these updates only keep them live. A panel that misses an
// update (its port reconnecting) notices the hole in seq and re-reads IndexedDB.

import type { ConnectionRow, EventRow, PageRow } from '../contracts/model';
import type { BackgroundToPanel, UpdateMessage } from '../contracts/protocol';
import type { Changes } from './storage';
import type { PortSender } from '../contracts/port';

/** Beyond this many new events of one connection in one commit, only the newest are pushed. */
export const MAX_PUSHED_EVENTS_PER_CONNECTION = 1000;

export type PanelEndpoint = PortSender<BackgroundToPanel>;

export class LiveUpdates {
  private readonly subscribers = new Map<PanelEndpoint, number>();

  subscribe(endpoint: PanelEndpoint, tabId: number): void {
    this.subscribers.set(endpoint, tabId);
  }

  unsubscribe(endpoint: PanelEndpoint): void {
    this.subscribers.delete(endpoint);
  }

  /** Tabs that have a panel open. */
  tabs(): Set<number> {
    return new Set(this.subscribers.values());
  }

  /** Sends a message to the panels of its tab. */
  send(message: BackgroundToPanel): void {
    for (const [endpoint, t] of this.subscribers) {
      if (t !== message.tabId) continue;
      try {
        endpoint.postMessage(message);
      } catch {
        this.subscribers.delete(endpoint);
      }
    }
  }

  publish(changes: Changes): void {
    if (this.subscribers.size === 0) return;
    const tabs = new Set(this.subscribers.values());
    for (const tabId of tabs) {
      const update = updateForTab(changes, tabId);
      if (!update) continue;
      for (const [endpoint, t] of this.subscribers) {
        if (t !== tabId) continue;
        try {
          endpoint.postMessage(update);
        } catch {
          this.subscribers.delete(endpoint);
        }
      }
    }
  }
}

/** The part of a commit that concerns one tab, or null when nothing does. Pure. */
export function updateForTab(changes: Changes, tabId: number): UpdateMessage | null {
  const pages: PageRow[] = changes.pages.filter((p) => p.tabId === tabId);
  const connections: ConnectionRow[] = changes.connections.filter((c) => c.tabId === tabId);
  if (pages.length === 0 && connections.length === 0) return null;
  const ids = new Set(connections.map((c) => c.id));
  const perConnection = new Map<string, EventRow[]>();
  for (const ev of changes.events) {
    if (!ids.has(ev.connectionId)) continue;
    let list = perConnection.get(ev.connectionId);
    if (!list) perConnection.set(ev.connectionId, (list = []));
    list.push(ev);
  }
  const events: EventRow[] = [];
  for (const list of perConnection.values()) {
    events.push(...(list.length > MAX_PUSHED_EVENTS_PER_CONNECTION ? list.slice(-MAX_PUSHED_EVENTS_PER_CONNECTION) : list));
  }
  return { type: 'update', tabId, pages, connections, events };
}
