import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));

import { DEFAULT_SETTINGS, SETTINGS_KEY } from '../contracts/settings';
import { LiveSettings, loadSettings, saveSettings, subscribeSettings, type SettingsArea } from './settings-store';

function fakeArea(): SettingsArea & { data: Record<string, unknown> } {
  const listeners = new Set<(c: Record<string, { newValue?: unknown }>, area: string) => void>();
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (key) => (key in data ? { [key]: structuredClone(data[key]) } : {}),
    set: async (items) => {
      const changes: Record<string, { newValue?: unknown }> = {};
      for (const [k, v] of Object.entries(items)) {
        data[k] = structuredClone(v);
        changes[k] = { newValue: structuredClone(v) };
      }
      queueMicrotask(() => listeners.forEach((l) => l(changes, 'local')));
    },
    onChanged: { addListener: (fn) => listeners.add(fn), removeListener: (fn) => listeners.delete(fn) },
  };
}

describe('settings store', () => {
  it('loads defaults, saves normalised values, and tells subscribers', async () => {
    const area = fakeArea();
    expect((await loadSettings(area)).settings).toEqual(DEFAULT_SETTINGS);
    const seen: unknown[] = [];
    const stop = subscribeSettings((s) => seen.push(s.excludedSites), area);
    await saveSettings({ ...DEFAULT_SETTINGS, excludedSites: ['127.0.0.1', 'https://bad/'] }, area);
    expect((area.data[SETTINGS_KEY] as { excludedSites: string[] }).excludedSites).toEqual(['127.0.0.1']);
    await Promise.resolve();
    expect(seen).toEqual([['127.0.0.1']]);
    stop();
    await saveSettings(DEFAULT_SETTINGS, area);
    await Promise.resolve();
    expect(seen).toHaveLength(1);
  });

  it('LiveSettings follows changes made elsewhere', async () => {
    const area = fakeArea();
    await saveSettings({ ...DEFAULT_SETTINGS, recordMode: 'none' }, area);
    const live = new LiveSettings(DEFAULT_SETTINGS, area);
    expect(live.get().recordMode).toBe('all'); // defaults until the first read
    await live.ready;
    expect(live.get().recordMode).toBe('none');
    await saveSettings({ ...DEFAULT_SETTINGS, recordMode: 'listed' }, area);
    await Promise.resolve();
    expect(live.get().recordMode).toBe('listed');
  });

  it('a change arriving before the first read is not overwritten by the older stored value', async () => {
    const area = fakeArea();
    let release: () => void = () => {};
    const slowGet = area.get;
    area.get = async (k) => {
      const v = await slowGet(k);
      await new Promise<void>((r) => (release = r));
      return v;
    };
    const live = new LiveSettings(DEFAULT_SETTINGS, area);
    await area.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, recordMode: 'none' } });
    await Promise.resolve();
    release();
    await live.ready;
    expect(live.get().recordMode).toBe('none');
  });
});
