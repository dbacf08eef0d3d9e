// The panel document's title carries its live state. Firefox tests can read a DevTools panel's
// title but not its DOM, so this is how they see that the panel loaded and has data.

import type { PanelState } from '../store';

export function panelTitle(state: PanelState): string {
  if (!state.loaded) return 'Realtime Inspector panel';
  const n = state.connections.length;
  const messages = state.connections.reduce((sum, c) => sum + c.messagesIn + c.messagesOut, 0);
  return `Realtime · ${n} connection${n === 1 ? '' : 's'} · ${messages} message${messages === 1 ? '' : 's'}`;
}
