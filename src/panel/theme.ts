// Follow the DevTools theme: Chrome says 'default' | 'dark', Firefox 'light' | 'dark' and also
// tells when it changes (Chrome has no onThemeChanged).

import browser from 'webextension-polyfill';

export function followDevtoolsTheme(root: HTMLElement): void {
  const panels = browser.devtools?.panels;
  const apply = (name: string | undefined) => root.classList.toggle('dark', name === 'dark');
  apply(panels?.themeName);
  panels?.onThemeChanged?.addListener(apply);
}
