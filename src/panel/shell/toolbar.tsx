import { formatTime } from '../ui/format';
import type { PortStatus } from '../store';
import { ExportButton } from '../export/export-button';
import { ClearIcon, GearIcon, PauseIcon, ResumeIcon } from '../ui/icons';
import { usePanel } from '../panel-context';
import { historyPages } from '../view-options';
import { openSettings } from './open-settings';

// The panel's link to the recorder, not the page's connections: next to "5 connections" a bare
// "live" read as "5 connections live" although some of them were closed.
const STATUS_TEXT: Record<PortStatus, string> = {
  connecting: 'recorder: connecting…',
  live: 'recorder: live',
  reconnecting: 'recorder: reconnecting…',
};

/** DevTools' toolbar idiom: icon buttons with names and tooltips, a checkbox, separators. */
export function Toolbar({ connectionCount }: { connectionCount: number }) {
  const { controller } = usePanel();
  const state = controller.state.value;
  const { paused, newEvents } = state.pause;
  const { preserveLog, historyPageId } = state.view;
  const history = historyPages(state.pages, state.connections);
  return (
    <div class="toolbar" role="toolbar" aria-label="Realtime panel">
      <button
        type="button"
        class={`tool-button${paused ? ' toggled' : ''}`}
        data-testid="pause-view"
        aria-pressed={paused}
        aria-label={paused ? 'Resume view' : 'Pause view'}
        title={paused ? 'Resume the view (recording never stopped)' : 'Pause the view: recording continues, the view stops moving'}
        onClick={() => controller.setPaused(!paused)}
      >
        {paused ? <ResumeIcon /> : <PauseIcon />}
      </button>
      <button type="button" class="tool-button" data-testid="clear-view" aria-label="Clear" title="Clear the view (recorded data stays stored and in exports)" onClick={controller.clearView}>
        <ClearIcon />
      </button>
      <span class="toolbar-divider" />
      <label class="tool-check" title="Keep the connections of earlier page loads of this tab in view">
        <input type="checkbox" data-testid="preserve-log" checked={preserveLog} onChange={(e) => controller.setPreserveLog(e.currentTarget.checked)} />
        Preserve log
      </label>
      {history.length > 0 && (
        <select
          class="tool-select"
          data-testid="history"
          aria-label="Earlier page loads of this tab"
          title="Show one earlier page load of this tab (recorded in IndexedDB)"
          value={historyPageId ?? ''}
          onChange={(e) => controller.showHistory(e.currentTarget.value === '' ? null : e.currentTarget.value)}
        >
          <option value="">Live view</option>
          {history.map((page) => (
            <option key={page.id} value={page.id}>
              {formatTime(page.startedAt)} · {page.url}
            </option>
          ))}
        </select>
      )}
      <span class="toolbar-divider" />
      <span class="toolbar-count" data-testid="connection-count">
        {connectionCount} connection{connectionCount === 1 ? '' : 's'}
      </span>
      {paused && (
        <span class="paused-note" data-testid="paused-note" role="status">
          Paused · {newEvents} new event{newEvents === 1 ? '' : 's'}
        </span>
      )}
      <span
        class={`port-status port-${state.port}`}
        data-testid="port-status"
        data-reconnects={state.portReconnects}
        role="status"
        title={state.portReconnects > 0 ? `The background restarted; reconnected ${state.portReconnects} time${state.portReconnects === 1 ? '' : 's'}` : 'The panel receives what the recorder stores as it happens'}
      >
        {STATUS_TEXT[state.port]}
      </span>
      <span class="toolbar-spacer" />
      <ExportButton />
      <button type="button" class="tool-button" data-testid="settings-button" aria-label="Settings" title="Open the Realtime Inspector settings" onClick={openSettings}>
        <GearIcon />
      </button>
    </div>
  );
}
