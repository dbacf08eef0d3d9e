// Options page entry: loads the settings, renders the form, saves on change. Other contexts
// (background, panels, exporter) follow storage.onChanged, so a change applies at once.

import { render } from 'preact';
import browser from 'webextension-polyfill';
import type { ClearAllRequest, ClearAllResponse } from '../contracts/protocol';
import { loadSettings, saveSettings, subscribeSettings } from '../settings/settings-store';
import { OptionsApp } from './components/options-app';

async function start(root: HTMLElement): Promise<void> {
  const { settings, problems } = await loadSettings();
  render(
    <OptionsApp
      initial={settings}
      problems={problems}
      save={saveSettings}
      subscribe={subscribeSettings}
      clearAll={() => browser.runtime.sendMessage({ type: 'ri:clear-all' } satisfies ClearAllRequest) as Promise<ClearAllResponse>}
    />,
    root,
  );
  document.documentElement.dataset.ready = 'true';
}

const root = document.getElementById('app');
if (root) {
  start(root).catch((e: unknown) => {
    root.textContent = `The options could not load: ${e instanceof Error ? e.message : String(e)}`;
  });
}
