// What the panel says while nothing is recorded in the tab yet (or still being read).
export function EmptyState({ loaded }: { loaded: boolean }) {
  return (
    <p class="empty" data-testid="empty-state">
      {loaded
        ? 'No WebSocket or EventSource connections recorded in this tab yet. Connections created before the extension was installed appear after a reload.'
        : 'Reading recorded connections…'}
    </p>
  );
}
