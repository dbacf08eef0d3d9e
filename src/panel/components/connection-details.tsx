import type { ConnectionRow } from '../../shared/model';
import { closeText, kindLabel } from '../format';

export function ConnectionDetails({ connection: c }: { connection: ConnectionRow }) {
  return (
    <div class="details" data-testid="connection-details">
      <span class="details-kind">{kindLabel(c)}</span>
      <span class="details-url mono">{c.url}</span>
      {c.protocol ? <span>protocol {c.protocol}</span> : null}
      <span>{c.state}</span>
      {c.close ? (
        <span class="close-info" data-testid="close-info">
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
    </div>
  );
}
