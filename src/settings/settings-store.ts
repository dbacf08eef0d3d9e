// Reads, writes and follows the settings from any extension context (background, options page,
// panel, exporter). storage.local is the single source of truth; storage.onChanged tells every
// other context at once, so nothing needs a message of its own. Values are normalised on read.

import browser from 'webextension-polyfill';
import { SETTINGS_KEY, type Settings } from '../contracts/settings';
import { normaliseSettings, type Normalised } from './settings-normalise';

/** The part of storage.local this module uses (a fake in unit tests). */
export interface SettingsArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  onChanged: {
    addListener(fn: (changes: Record<string, { newValue?: unknown }>, areaName: string) => void): void;
    removeListener(fn: (changes: Record<string, { newValue?: unknown }>, areaName: string) => void): void;
  };
}

function defaultArea(): SettingsArea {
  return {
    get: (key) => browser.storage.local.get(key),
    set: (items) => browser.storage.local.set(items),
    onChanged: browser.storage.onChanged,
  };
}

export async function loadSettings(area: SettingsArea = defaultArea()): Promise<Normalised> {
  const stored = await area.get(SETTINGS_KEY);
  return normaliseSettings(stored[SETTINGS_KEY]);
}

/** Stores the settings (normalised first, so a bad value never reaches other contexts). */
export async function saveSettings(settings: Settings, area: SettingsArea = defaultArea()): Promise<Normalised> {
  const n = normaliseSettings(settings);
  await area.set({ [SETTINGS_KEY]: n.settings });
  return n;
}

/** Calls `fn` with the new settings whenever any context saves them; returns the unsubscribe. */
export function subscribeSettings(fn: (settings: Settings) => void, area: SettingsArea = defaultArea()): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, areaName: string) => {
    if (areaName !== 'local' || !(SETTINGS_KEY in changes)) return;
    fn(normaliseSettings(changes[SETTINGS_KEY]?.newValue).settings);
  };
  area.onChanged.addListener(listener);
  return () => area.onChanged.removeListener(listener);
}

/**
 * The current settings, kept up to date: `get()` is synchronous (defaults until the first read
 * completes), for hot paths such as ingest. Subscribes before reading so no change is missed.
 */
export class LiveSettings {
  private current: Settings;
  readonly ready: Promise<void>;
  private readonly listeners = new Set<(s: Settings) => void>();

  constructor(initial: Settings, area: SettingsArea = defaultArea()) {
    this.current = initial;
    let changed = false;
    subscribeSettings((s) => {
      changed = true;
      this.set(s);
    }, area);
    this.ready = loadSettings(area).then(
      (n) => {
        if (!changed) this.set(n.settings);
      },
      () => {},
    );
  }

  get(): Settings {
    return this.current;
  }

  onChange(fn: (s: Settings) => void): void {
    this.listeners.add(fn);
  }

  private set(s: Settings): void {
    this.current = s;
    for (const fn of this.listeners) fn(s);
  }
}
