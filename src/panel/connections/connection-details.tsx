import type { ConnectionRow } from '../../contracts/model';
import type { LogConnectionStats } from '../../contracts/session-log-format';
import { explainCloseCode, timingSteps, whoClosed } from './connection-summary';
import { closeText, formatTime, kindLabel } from '../ui/format';
import { FetchStreamFacts } from './fetch-stream-facts';
import type { Lineage } from '../store';
import { ConnectionStatsLine } from './connection-stats';
import { CopyButton } from '../ui/copy-button';

interface Props {
  connection: ConnectionRow;
  lineage?: Lineage | undefined;
  stats?: LogConnectionStats | undefined;
  now?: number;
}

/** The selected connection's summary, like the "General" and "Timing" parts of DevTools' Headers. */
export function ConnectionDetails({ connection: c, lineage, stats, now = Date.now() }: Props) {
  const timing = timingSteps(c, now);
  const who = whoClosed(c);
  return (
    <div class="details" data-testid="connection-details">
      <div class="details-head">
        <span class="details-kind">{kindLabel(c)}</span>
        <span class="details-url mono" data-testid="details-url">
          {c.url}
        </span>
        <CopyButton text={c.url} label="Copy URL" testId="copy-url" />
        <span class={`state-${c.state}`}>{c.state}</span>
        {lineage && lineage.attempt > 1 ? (
          <span class="lineage-info" data-testid="lineage-info">
            attempt {lineage.attempt}: reconnect of the connection listed first in its group
          </span>
        ) : null}
      </div>
      <dl class="details-grid">
        {c.kind === 'websocket' ? (
          <>
            <dt>Subprotocol</dt>
            <dd>
              {c.protocol || 'none'}
              {c.requestedProtocols?.length ? ` (asked for ${c.requestedProtocols.join(', ')})` : ''}
              {' · extensions: '}
              {c.extensions || 'none'}
            </dd>
          </>
        ) : c.kind === 'fetch-stream' ? (
          <FetchStreamFacts c={c} />
        ) : (
          <>
            <dt>EventSource</dt>
            <dd>
              {c.withCredentials ? 'withCredentials · ' : ''}
              {c.listenedTypes?.length ? `listens to: ${c.listenedTypes.join(', ')}` : 'listens to unnamed messages only'}
              {c.reconnects > 0 ? ` · the browser reconnected it ${c.reconnects} time${c.reconnects === 1 ? '' : 's'}` : ''}
            </dd>
          </>
        )}
        {c.frameId !== 0 ? (
          <>
            <dt>Frame</dt>
            <dd class="mono">{c.frameUrl}</dd>
          </>
        ) : null}
        <dt>Timing</dt>
        <dd data-testid="connection-timing">
          {timing.steps.map((s, i) => (
            <span key={s.label} class="timing-step">
              {i > 0 ? ' → ' : ''}
              {s.label} {s.after ? `+${s.after}` : formatTime(s.t)}
            </span>
          ))}
          <span class="timing-total">
            {' '}
            · {timing.ongoing ? 'open for' : 'lived'} {timing.total}
          </span>
        </dd>
        {c.close ? (
          <>
            <dt>Close</dt>
            <dd>
              <span class="close-info" data-testid="close-info">
                {closeText(c.close)}
                {c.close.wasClean ? ' · clean' : ' · not clean'}
              </span>
              <span class="close-meaning" data-testid="close-meaning">
                {' — '}
                {explainCloseCode(c.close.code)}
              </span>
            </dd>
          </>
        ) : null}
        {who ? (
          <>
            <dt>Ended by</dt>
            <dd data-testid="closed-by">{who}</dd>
          </>
        ) : null}
        {stats ? (
          <>
            <dt>Traffic</dt>
            <dd>
              <ConnectionStatsLine stats={stats} />
            </dd>
          </>
        ) : null}
      </dl>
      {c.stack ? (
        <details class="initiator" data-testid="initiator-stack">
          <summary>Initiator: {firstFrame(c.stack)}</summary>
          {/* Text only: the stack is the page's. */}
          <pre class="mono stack">{c.stack}</pre>
        </details>
      ) : null}
    </div>
  );
}

/** The first stack line that is not the constructor call itself, trimmed for the summary line. */
function firstFrame(stack: string): string {
  const lines = stack.split('\n').map((l) => l.trim()).filter((l) => l && l !== 'Error');
  return (lines[0] ?? '').replace(/^at\s+/, '');
}
