import type { ComponentChildren } from 'preact';
import type { PageRow } from '../../shared/model';
import { formatTime } from '../format';
import type { PortStatus } from '../store';
import { ExportButton } from './export-button';
import { ClearIcon, GearIcon, PauseIcon, ResumeIcon } from './icons';

// The panel's link to the recorder, not the page's connections: next to "5 connections" a bare
// "live" read as "5 connections live" although some of them were closed.
const STATUS_TEXT: Record<PortStatus, string> = {
  connecting: 'recorder: connecting…',
  live: 'recorder: live',
  reconnecting: 'recorder: reconnecting…',
};

interface Props {
  port: PortStatus;
  portReconnects: number;
  connectionCount: number;
  onExport: () => Promise<unknown>;
  paused?: boolean;
  newEvents?: number;
  onPause?: (paused: boolean) => void;
  onClear?: () => void;
  preserveLog?: boolean;
  onPreserveLog?: (on: boolean) => void;
  /** Earlier loads of the tab, newest first, and the one shown (null: the live view). */
  history?: PageRow[];
  historyPageId?: string | null;
  onHistory?: (pageId: string | null) => void;
  onSettings?: () => void;
  /** More controls (e.g. the message filter) placed after the view controls. */
  children?: ComponentChildren;
}

/** DevTools' toolbar idiom: icon buttons with names and tooltips, a checkbox, separators. */
export function Toolbar(p: Props) {
  const paused = p.paused ?? false;
  const history = p.history ?? [];
  return (
    <div class="toolbar" role="toolbar" aria-label="Realtime panel">
      {p.onPause && (
        <button
          type="button"
          class={`tool-button${paused ? ' toggled' : ''}`}
          data-testid="pause-view"
          aria-pressed={paused}
          aria-label={paused ? 'Resume view' : 'Pause view'}
          title={paused ? 'Resume the view (recording never stopped)' : 'Pause the view: recording continues, the view stops moving'}
          onClick={() => p.onPause?.(!paused)}
        >
          {paused ? <ResumeIcon /> : <PauseIcon />}
        </button>
      )}
      {p.onClear && (
        <button type="button" class="tool-button" data-testid="clear-view" aria-label="Clear" title="Clear the view (recorded data stays stored and in exports)" onClick={p.onClear}>
          <ClearIcon />
        </button>
      )}
      <span class="toolbar-divider" />
      {p.onPreserveLog && (
        <label class="tool-check" title="Keep the connections of earlier page loads of this tab in view">
          <input type="checkbox" data-testid="preserve-log" checked={p.preserveLog ?? false} onChange={(e) => p.onPreserveLog?.(e.currentTarget.checked)} />
          Preserve log
        </label>
      )}
      {p.onHistory && history.length > 0 && (
        <select
          class="tool-select"
          data-testid="history"
          aria-label="Earlier page loads of this tab"
          title="Show one earlier page load of this tab (recorded in IndexedDB)"
          value={p.historyPageId ?? ''}
          onChange={(e) => p.onHistory?.(e.currentTarget.value === '' ? null : e.currentTarget.value)}
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
      {p.children}
      <span class="toolbar-count" data-testid="connection-count">
        {p.connectionCount} connection{p.connectionCount === 1 ? '' : 's'}
      </span>
      {paused && (
        <span class="paused-note" data-testid="paused-note" role="status">
          Paused · {p.newEvents ?? 0} new event{p.newEvents === 1 ? '' : 's'}
        </span>
      )}
      <span
        class={`port-status port-${p.port}`}
        data-testid="port-status"
        data-reconnects={p.portReconnects}
        role="status"
        title={p.portReconnects > 0 ? `The background restarted; reconnected ${p.portReconnects} time${p.portReconnects === 1 ? '' : 's'}` : 'The panel receives what the recorder stores as it happens'}
      >
        {STATUS_TEXT[p.port]}
      </span>
      <span class="toolbar-spacer" />
      <ExportButton onExport={p.onExport} />
      {p.onSettings && (
        <button type="button" class="tool-button" data-testid="settings-button" aria-label="Settings" title="Open the Realtime Inspector settings" onClick={p.onSettings}>
          <GearIcon />
        </button>
      )}
    </div>
  );
}
