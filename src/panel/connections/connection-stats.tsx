import type { LogConnectionStats } from '../../contracts/session-log-format';

/** Delivery lag and message rates of the selected connection, from the background's analysis. */
export function ConnectionStatsLine({ stats }: { stats: LogConnectionStats | undefined }) {
  if (!stats) return null;
  const last = stats.rates.at(-1);
  const peak = stats.rates.reduce((m, b) => Math.max(m, b.messagesIn + b.messagesOut), 0);
  return (
    <span class="stats-info" data-testid="connection-stats">
      {stats.lag ? `lag (${stats.lag.path}) p50 ${Math.round(stats.lag.p50)} ms · p95 ${Math.round(stats.lag.p95)} ms · max ${Math.round(stats.lag.max)} ms · ` : ''}
      {stats.sequenceField ? `sequence field ${stats.sequenceField.path} · ` : ''}
      {last ? `last second with traffic: ${last.messagesIn} in / ${last.messagesOut} out · peak ${peak}/s (last minute)` : 'no traffic yet'}
    </span>
  );
}
