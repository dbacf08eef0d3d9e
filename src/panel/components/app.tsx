import type { PanelController } from '../controller';
import { hasOlder, selectedConnection } from '../store';
import { ConnectionDetails } from './connection-details';
import { ConnectionsTable } from './connections-table';
import { CoverageNote } from './coverage-note';
import { EmptyState } from './empty-state';
import { MessageList } from './message-list';
import { Toolbar } from './toolbar';

export function App({ controller, onExport }: { controller: PanelController; onExport: () => Promise<unknown> }) {
  const state = controller.state.value;
  const selected = selectedConnection(state);
  return (
    <div class="panel">
      <Toolbar port={state.port} portReconnects={state.portReconnects} connectionCount={state.connections.length} onExport={onExport} />
      <main class="panes">
        {state.connections.length === 0 ? (
          <EmptyState loaded={state.loaded} />
        ) : (
          <ConnectionsTable pages={state.pages} connections={state.connections} selectedId={state.selectedId} onSelect={controller.select} />
        )}
        {!selected && state.connections.length > 0 && <p class="empty">Select a connection to see its messages.</p>}
        {selected && (
          <section class="detail" aria-label="Selected connection">
            <ConnectionDetails connection={selected} />
            <MessageList
              connection={selected}
              events={state.events}
              loading={state.loading && state.events.length === 0}
              hasOlder={hasOlder(state)}
              onLoadOlder={controller.loadOlder}
            />
          </section>
        )}
      </main>
      <CoverageNote />
    </div>
  );
}
