// Wires the user's settings into the background: the ingest policy (recording scope, payload
// cap), retention and quota relief, the analysis field overrides, and "Clear all recorded data".
// background.ts only calls into this file.

import browser from 'webextension-polyfill';
import type { AnalysisOptions } from '../analysis';
import type { Db } from '../store/db';
import type { NoticeRow } from '../contracts/model';
import type { ClearAllResponse } from '../contracts/protocol';
import { isSiteRecorded } from '../settings/recording-scope';
import { DEFAULT_SETTINGS } from '../contracts/settings';
import { LiveSettings } from '../settings/settings-store';
import { deleteAllRecorded } from './delete-pages';
import type { Ingest, IngestPolicy } from './ingest';
import { NOTICES_SIGNAL_KEY, writeNotice } from './notices';
import { Retention } from './retention';

export function ingestPolicy(settings: LiveSettings): IngestPolicy {
  // Asked for every record: the answer for the last top URL and settings is kept, since parsing
  // the URL each time was the background's largest cost for small messages (profiled: 29 %).
  let last: { topUrl: string | undefined; settings: unknown; recorded: boolean } | null = null;
  return {
    isRecorded: (topUrl) => {
      const s = settings.get();
      if (last === null || last.topUrl !== topUrl || last.settings !== s) last = { topUrl, settings: s, recorded: isSiteRecorded(topUrl, s) };
      return last.recorded;
    },
    payloadCapBytes: () => settings.get().payloadCapBytes,
  };
}

export function analysisOptions(settings: LiveSettings): () => AnalysisOptions {
  return () => {
    const s = settings.get();
    return { sequenceFields: s.sequenceFields, timestampFields: s.timestampFields, protocolOverrides: s.protocolOverrides };
  };
}

/** Tells open panels (storage.onChanged reaches every extension context) that a notice was written. */
function signalNotice(n: NoticeRow): void {
  void browser.storage.local.set({ [NOTICES_SIGNAL_KEY]: { id: n.id, t: n.t } }).catch(() => undefined);
}

async function openTabIds(): Promise<Set<number>> {
  const tabs = await browser.tabs.query({});
  return new Set(tabs.map((t) => t.id).filter((id): id is number => id !== undefined));
}

export function startRetention(db: () => Promise<Db>, settings: LiveSettings, ingest: Ingest, onError: (e: unknown) => void): Retention {
  const retention = new Retention({
    db,
    settings: () => settings.get(),
    openTabIds,
    ingest,
    onNotice: signalNotice,
    onError,
    usage: async () => (await navigator.storage?.estimate?.())?.usage,
  });
  // At startup (once the stored settings are read), and whenever the limits change.
  void settings.ready.then(() => retention.run());
  settings.onChange(() => retention.afterCommit());
  return retention;
}

/** Options page → "Clear all recorded data". */
export async function clearAllRecorded(db: Db, ingest: Ingest): Promise<ClearAllResponse> {
  const deleted = await ingest.exclusive(async () => {
    const d = await deleteAllRecorded(db);
    ingest.forgetPages('all');
    return d;
  });
  if (!deleted) return { ok: false, pages: 0 };
  const n = await writeNotice(db, { tabId: 0, t: Date.now(), kind: 'cleared', message: `All recorded data was cleared from the options page (${deleted.pages} page loads, ${deleted.connections} connections).`, details: { ...deleted } });
  signalNotice(n);
  return { ok: true, pages: deleted.pages };
}

export function liveSettings(): LiveSettings {
  return new LiveSettings(DEFAULT_SETTINGS);
}
