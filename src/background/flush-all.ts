// "Everything captured so far is stored": used by Export, the recorder and tests. Hooks flush on
// their own within LIMITS.batchFlushMs; connected relays are also asked to hand over at once and
// answer when they did. Then we wait until every message received is committed.

import { LIMITS, type FlushAllResponse } from '../contracts/protocol';
import type { Ingest, RelayEndpoint } from './ingest';

export class FlushCoordinator {
  private nextId = 1;
  private readonly waiting = new Map<number, { remaining: Set<RelayEndpoint>; resolve: () => void }>();

  constructor(private readonly ingest: Ingest) {}

  async flushAll(timeoutMs = 5000): Promise<FlushAllResponse> {
    // Let the hooks' own flush timers fire first: a relay that is not connected yet connects when
    // its hook hands it a batch.
    await delay(LIMITS.batchFlushMs * 2);
    const endpoints = this.ingest.relayEndpoints();
    const flushId = this.nextId++;
    const remaining = new Set(endpoints);
    const answered = new Promise<void>((resolve) => {
      this.waiting.set(flushId, { remaining, resolve });
      if (remaining.size === 0) resolve();
    });
    for (const ep of endpoints) {
      try {
        ep.postMessage({ type: 'flush', flushId });
      } catch {
        remaining.delete(ep);
      }
    }
    let timedOut = false;
    await Promise.race([answered, delay(timeoutMs).then(() => (timedOut = true))]);
    this.waiting.delete(flushId);
    await this.ingest.idle();
    return { ok: !timedOut, unanswered: remaining.size };
  }

  /** A relay answered: all its batches were posted before this message, so they are queued. */
  flushed(endpoint: RelayEndpoint, flushId: number): void {
    const w = this.waiting.get(flushId);
    if (!w) return;
    w.remaining.delete(endpoint);
    if (w.remaining.size === 0) w.resolve();
  }

  /** A relay went away: do not wait for it. */
  gone(endpoint: RelayEndpoint): void {
    for (const w of this.waiting.values()) {
      w.remaining.delete(endpoint);
      if (w.remaining.size === 0) w.resolve();
    }
  }
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
