// The panel's frame: toolbar, notices, connections table, timeline, summary, messages, findings.
import { findingBadges } from '../findings/finding-view';
import { selectedConnection } from '../store';
import { gapMarkers } from '../../analysis/gap-markers';
import { ConnectionDetails } from '../connections/connection-details';
import { ConnectionsTable } from '../connections/connections-table';
import { CoverageNote } from './coverage-note';
import { EmptyState } from './empty-state';
import { FindingsPane } from '../findings/findings-pane';
import { FaultControls } from '../faults/fault-controls';
import { VerdictCards } from '../faults/verdict-cards';
import { MessagesView } from '../messages/messages-view';
import { StorageNotice } from './storage-notice';
import { Toolbar } from './toolbar';
import { Timeline } from '../connections/timeline';
import { useNow } from '../ui/use-now';
import { visibleView } from '../view-options';
import { usePanel } from '../panel-context';
import type { LogFinding } from '../../contracts/session-log-format';

export function App() {
  const { controller, applyFault } = usePanel();
  const state = controller.state.value;
  // Connections side: what the view options (preserve log, clear, history, pause) let through.
  const view = state.view;
  const visible = visibleView(state.pages, state.connections, view);
  const now = useNow(!state.pause.paused && visible.connections.some((c) => c.state !== 'closed'));
  const shownIds = new Set(visible.connections.map((c) => c.id));
  const selectedRow = selectedConnection(state);
  const selected = selectedRow && shownIds.has(selectedRow.id) ? selectedRow : undefined;
  const lineages = state.analysis?.lineages ?? {};
  const focusSeq = state.focus && state.focus.connectionId === state.selectedId ? state.focus.seq : null;
  return (
    <div class="panel">
      <Toolbar connectionCount={visible.connections.length} />
      <StorageNotice tabId={state.tabId} />
      <main class="panes">
        {state.connections.length > 0 && <FindingsPane analysis={findingsInView(state.analysis, shownIds)} selectedFindingId={state.selectedFindingId} onSelect={controller.selectFinding} />}
        {state.connections.length === 0 ? (
          <EmptyState loaded={state.loaded} />
        ) : visible.connections.length === 0 ? (
          <p class="empty" data-testid="view-empty">
            {view.clearedAt !== null ? 'Cleared: new connections of this tab appear here.' : 'No connections in this page load yet. Turn on “Preserve log” or pick an earlier load to see earlier ones.'}
          </p>
        ) : (
          <>
            <ConnectionsTable
              pages={visible.pages}
              connections={visible.connections}
              selectedId={state.selectedId}
              onSelect={controller.select}
              lineages={lineages}
              badges={findingBadges(state.analysis?.findings ?? [])}
              now={now}
            />
            <Timeline
              connections={visible.connections}
              lineages={lineages}
              stats={state.analysis?.stats ?? {}}
              findings={state.analysis?.findings ?? []}
              selectedId={state.selectedId}
              onSelect={controller.select}
              now={now}
            />
            <VerdictCards verdicts={(state.analysis?.verdicts ?? []).filter((v) => shownIds.has(v.connectionId))} onSelect={controller.select} onFocus={controller.focusEvent} />
          </>
        )}
        {!selected && visible.connections.length > 0 && <p class="empty">Select a connection to see its messages.</p>}
        {selected && (
          <section class="detail" aria-label="Selected connection">
            <ConnectionDetails connection={selected} lineage={lineages[selected.id]} stats={state.analysis?.stats[selected.id]} now={now} />
            {applyFault && state.tabId >= 0 ? <FaultControls key={selected.id} connection={selected} apply={applyFault} /> : null}
            <MessagesView connection={selected} focusSeq={focusSeq} gapMarkers={gapMarkers(state.analysis?.findings ?? [], selected.id)} />
          </section>
        )}
      </main>
      <CoverageNote />
    </div>
  );
}

/** Findings about connections the view shows (preserve log off, Clear and history hide the rest). */
function findingsInView<T extends { findings: LogFinding[] }>(analysis: T | null, shown: ReadonlySet<string>): T | null {
  if (!analysis) return null;
  const findings = analysis.findings.filter((f) => f.connectionIds.some((id) => shown.has(id)));
  return findings.length === analysis.findings.length ? analysis : { ...analysis, findings };
}
