// The user's per-URL protocol choices (options page → settings.protocolOverrides), kept current
// while the panel is open, so a change applies to the next scan without reopening DevTools.

import { useEffect, useState } from 'preact/hooks';
import type { FieldOverride } from '../../contracts/settings';
import { loadSettings, subscribeSettings } from '../../settings/settings-store';

export function useProtocolOverrides(): readonly FieldOverride[] {
  const [list, setList] = useState<readonly FieldOverride[]>([]);
  useEffect(() => {
    let live = true;
    // Unreadable storage: no overrides, detection as usual.
    loadSettings().then((n) => live && setList(n.settings.protocolOverrides), () => undefined);
    let unsubscribe = () => {};
    try {
      unsubscribe = subscribeSettings((s) => setList(s.protocolOverrides));
    } catch {
      // No extension storage here (a test page): nothing to follow.
    }
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);
  return list;
}
