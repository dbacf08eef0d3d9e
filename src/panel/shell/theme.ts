// Follow the DevTools theme: Chrome says 'default' | 'dark', Firefox 'light' | 'dark'. Firefox
// tells changes through onThemeChanged; Chrome through setThemeChangeHandler (not wrapped by the
// polyfill, so it is read from the `chrome` global). The panel's CSS keys off the `dark` class.

import browser from 'webextension-polyfill';

type ThemeListener = (name: string) => void;

interface ChromePanels {
  themeName?: string;
  setThemeChangeHandler?: (cb?: ThemeListener) => void;
}

export function followDevtoolsTheme(root: HTMLElement): void {
  const panels = browser.devtools?.panels;
  const apply = (name: string | undefined) => {
    root.classList.toggle('dark', name === 'dark');
    root.dataset.devtoolsTheme = name ?? 'unknown';
  };
  apply(panels?.themeName);
  if (panels?.onThemeChanged) {
    panels.onThemeChanged.addListener(apply);
    return;
  }
  const chromePanels = (globalThis as { chrome?: { devtools?: { panels?: ChromePanels } } }).chrome?.devtools?.panels;
  chromePanels?.setThemeChangeHandler?.(apply);
}
