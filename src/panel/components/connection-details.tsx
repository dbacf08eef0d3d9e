import type { ConnectionRow } from '../../shared/model';
import { closeText, kindLabel } from '../format';
import type { LogConnectionStats } from '../../shared/session-log';
import type { Lineage } from '../store';
import { ConnectionStatsLine } from './connection-stats';

export function ConnectionDetails({ connection: c, lineage, stats }: { connection: ConnectionRow; lineage?: Lineage | undefined; stats?: LogConnectionStats | undefined }) {
  return (
    <div class="details" data-testid="connection-details">
      <span class="details-kind">{kindLabel(c)}</span>
      <span class="details-url mono">{c.url}</span>
      {c.protocol ? <span>protocol {c.protocol}</span> : null}
      <span>{c.state}</span>
      {lineage && lineage.attempt > 1 ? (
        <span class="lineage-info" data-testid="lineage-info">
          attempt {lineage.attempt}: reconnect of the connection listed first in its group
        </span>
      ) : null}
      {c.close ? (
        <span class="close-info" data-testid="close-info">
          {/* closeText names the code with the analysis' describeCloseCode, e.g. "1011 (internal server error)". */}
          closed {closeText(c.close)}
          {c.close.wasClean ? '' : ' · not clean'}
        </span>
      ) : null}
      {c.closeCall ? (
        <span>
          page called close({c.closeCall.code ?? ''}
          {c.closeCall.reason ? `, “${c.closeCall.reason}”` : ''})
        </span>
      ) : null}
      {c.kind === 'eventsource' && c.listenedTypes?.length ? <span>listens to: {c.listenedTypes.join(', ')}</span> : null}
      <ConnectionStatsLine stats={stats} />
    </div>
  );
}
