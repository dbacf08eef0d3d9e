// Panel entry: a thin shell that wires the browser to the controller and renders the app.

import { effect } from '@preact/signals';
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { openInspectorDb } from '../store/db';
import { App } from './shell/app';
import { createPanelController } from './controller';
import { exportSession, type ExportChoice } from './export/export-session';
import { inspectedTabId } from './inspected-tab';
import { PanelContext } from './panel-context';
import type { FaultRequest, FaultResponse } from '../contracts/protocol';
import { panelTitle } from './shell/panel-title';
import { followDevtoolsTheme } from './shell/theme';

async function start(root: HTMLElement): Promise<void> {
  followDevtoolsTheme(document.documentElement);
  const tabId = inspectedTabId();
  if (tabId === undefined) {
    root.textContent = 'No inspected tab: open this panel from DevTools.';
    return;
  }
  const db = await openInspectorDb();
  const controller = createPanelController({ tabId, db, connect: (name) => browser.runtime.connect({ name }), storage: safeLocalStorage() });
  effect(() => {
    document.title = panelTitle(controller.state.value);
  });
  const onExport = (choice?: ExportChoice) => exportSession(db, tabId, choice, () => controller.state.value);
  const applyFault = (req: FaultRequest) => browser.runtime.sendMessage(req) as Promise<FaultResponse>;
  render(
    <PanelContext.Provider value={{ controller, onExport, applyFault }}>
      <App />
    </PanelContext.Provider>,
    root,
  );
}

const root = document.getElementById('app');
if (root) {
  start(root).catch((e: unknown) => {
    root.textContent = `The panel could not start: ${e instanceof Error ? e.message : String(e)}`;
  });
}

/** localStorage, or undefined where the browser denies it to the extension origin. */
function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
