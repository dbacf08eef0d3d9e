// Time since the connection opened, for the message list's relative time column.

/** "+1.234 s", "+2:05.010" past a minute, "-0.012 s" for events before the open (errors). */
export function formatRelative(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(3)} s`;
  const min = Math.floor(abs / 60_000);
  const sec = ((abs % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return `${sign}${min}:${sec}`;
}
