import type { PortStatus } from '../store';
import { ExportButton } from './export-button';

const STATUS_TEXT: Record<PortStatus, string> = {
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'reconnecting…',
};

interface Props {
  port: PortStatus;
  portReconnects: number;
  connectionCount: number;
  onExport: () => Promise<unknown>;
}

export function Toolbar({ port, portReconnects, connectionCount, onExport }: Props) {
  return (
    <header class="toolbar">
      <h1 class="toolbar-title">Realtime</h1>
      <span class="toolbar-count" data-testid="connection-count">
        {connectionCount} connection{connectionCount === 1 ? '' : 's'}
      </span>
      <span
        class={`port-status port-${port}`}
        data-testid="port-status"
        data-reconnects={portReconnects}
        role="status"
        title={portReconnects > 0 ? `The background restarted; reconnected ${portReconnects} time${portReconnects === 1 ? '' : 's'}` : undefined}
      >
        {STATUS_TEXT[port]}
      </span>
      <span class="toolbar-spacer" />
      <ExportButton onExport={onExport} />
    </header>
  );
}
