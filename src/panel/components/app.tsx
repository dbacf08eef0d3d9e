import type { PanelController } from '../controller';
import { findingBadges } from '../finding-badges';
import { hasOlder, selectedConnection } from '../store';
import { ConnectionDetails } from './connection-details';
import { ConnectionsTable } from './connections-table';
import { CoverageNote } from './coverage-note';
import { EmptyState } from './empty-state';
import { FindingsPane } from './findings-pane';
import { MessageList } from './message-list';
import { StorageNotice } from './storage-notice';
import { Toolbar } from './toolbar';

export function App({ controller, onExport }: { controller: PanelController; onExport: () => Promise<unknown> }) {
  const state = controller.state.value;
  const selected = selectedConnection(state);
  const lineages = state.analysis?.lineages ?? {};
  const focusSeq = state.focus && state.focus.connectionId === state.selectedId ? state.focus.seq : null;
  return (
    <div class="panel">
      <Toolbar port={state.port} portReconnects={state.portReconnects} connectionCount={state.connections.length} onExport={onExport} />
      <StorageNotice tabId={state.tabId} />
      <main class="panes">
        {state.connections.length > 0 && <FindingsPane analysis={state.analysis} selectedFindingId={state.selectedFindingId} onSelect={controller.selectFinding} />}
        {state.connections.length === 0 ? (
          <EmptyState loaded={state.loaded} />
        ) : (
          <ConnectionsTable
            pages={state.pages}
            connections={state.connections}
            selectedId={state.selectedId}
            onSelect={controller.select}
            lineages={lineages}
            badges={findingBadges(state.analysis?.findings ?? [])}
          />
        )}
        {!selected && state.connections.length > 0 && <p class="empty">Select a connection to see its messages.</p>}
        {selected && (
          <section class="detail" aria-label="Selected connection">
            <ConnectionDetails connection={selected} lineage={lineages[selected.id]} stats={state.analysis?.stats[selected.id]} />
            <MessageList
              connection={selected}
              events={state.events}
              loading={state.loading && state.events.length === 0}
              hasOlder={hasOlder(state)}
              onLoadOlder={controller.loadOlder}
              focusSeq={focusSeq}
            />
          </section>
        )}
      </main>
      <CoverageNote />
    </div>
  );
}
