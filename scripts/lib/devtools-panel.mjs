// Opens the extension's "Realtime" DevTools panel for a page, in Chromium launched with
// handleDevToolsAsPage (see shared/notes/platform.md, "DevTools panel, for real").

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Retries until `fn` returns something other than undefined, or throws after `timeoutMs`.
 * DevTools needs a few seconds before its panels can be shown; early calls throw.
 */
export async function poll(what, fn, { timeoutMs = 30_000, intervalMs = 200 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} within ${timeoutMs} ms${lastError ? ` (last error: ${lastError.message.split('\n')[0]})` : ''}`);
    }
    await sleep(intervalMs);
  }
}

/** Returns { devtools, panel }: the DevTools page and the panel's frame inside it. */
export async function openRealtimePanel(page, extensionOrigin, { title = 'Realtime', timeoutMs = 30_000 } = {}) {
  const devtools = await page.openDevTools();
  const panelId = `${extensionOrigin}${title.replace(/\s+/g, '')}`;
  // A string, not a function: the DevTools page resolves this import against its own modules.
  // showPanel() of an id not registered yet resolves without doing anything, so check first:
  // the extension's tab appears a few seconds after DevTools opens.
  const show = `(async () => {
    const legacy = await import('./ui/legacy/legacy.js');
    const view = legacy.InspectorView.InspectorView.instance();
    const id = ${JSON.stringify(panelId)};
    const has = typeof view.hasPanel === 'function' ? view.hasPanel(id) : view.tabbedPane.tabIds().includes(id);
    if (!has) return false;
    await view.showPanel(id);
    return true;
  })()`;
  const findFrame = () => devtools.frames().find((f) => f.url().startsWith(extensionOrigin) && f.url().includes('/panel'));
  const panel = await poll(
    `the ${title} panel did not open`,
    async () => {
      if (!(await devtools.evaluate(show))) return undefined;
      return findFrame();
    },
    { timeoutMs },
  );
  return { devtools, panel };
}

/**
 * Undocks DevTools so its page shows DevTools alone (docked, the left part is the inspected
 * page's area, which is blank in a screenshot of the DevTools page). Best effort: a layout nicety.
 */
export async function undockDevTools(devtools) {
  await devtools
    .evaluate(`(async () => {
      const legacy = await import('./ui/legacy/legacy.js');
      legacy.DockController.DockController.instance().setDockSide('undocked');
      return true;
    })()`)
    .catch(() => false);
}
