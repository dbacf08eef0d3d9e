import type { Lineage } from '../store';

/** "↳ attempt 2" before the URL of a socket that replaced an earlier one of its lineage. */
export function LineageMarker({ lineage }: { lineage: Lineage | undefined }) {
  if (!lineage || lineage.attempt <= 1) return null;
  return (
    <span class="lineage-marker" data-testid="attempt" title={`Reconnect: attempt ${lineage.attempt} of the connection listed above`}>
      ↳ attempt {lineage.attempt}{' '}
    </span>
  );
}
