import { formatDuration } from '../../analysis/format';
import { formatTime, kindBadge, kindLabel } from '../ui/format';
import { densityBins, toX, type TimeWindow, type TimelineRow } from './timeline-layout';

export const ROW_HEIGHT = 22;
/** Spans are centred on MID; the density strip sits under them, from DENSITY_BASE up. */
const MID = 8;
const DENSITY_BASE = ROW_HEIGHT - 1;
const DENSITY_PX = 6;
const BIN_PX = 3;

interface Props {
  row: TimelineRow;
  window: TimeWindow;
  width: number;
  selectedId: string | null;
  /** The highest density bin over all rows, so rows compare with each other. */
  densityMax: number;
  onSelect: (connectionId: string) => void;
}

export function rowLabel(row: TimelineRow): string {
  const attempts = row.connectionIds.length;
  const kind = kindLabel(row);
  const parts = [`${kind} ${row.url}`];
  if (attempts > 1) parts.push(`${attempts} attempts`);
  if (row.selfReconnects > 0) parts.push(`${row.selfReconnects} automatic reconnect${row.selfReconnects === 1 ? '' : 's'}`);
  const abnormal = row.closes.filter((c) => c.kind === 'abnormal').length;
  if (abnormal > 0) parts.push(`${abnormal} abnormal close${abnormal === 1 ? '' : 's'}`);
  if (row.findings.length > 0) parts.push(`${row.findings.length} finding${row.findings.length === 1 ? '' : 's'}`);
  return parts.join(', ');
}

function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

/** One lineage (or lone connection) drawn across the time window. */
export function TimelineRowView({ row, window: w, width, selectedId, densityMax, onSelect }: Props) {
  const x = (t: number) => toX(t, w, width);
  const selected = selectedId !== null && row.connectionIds.includes(selectedId);
  const bins = width > 0 ? densityBins(row.density, w, width, BIN_PX) : [];
  const select = () => onSelect(row.connectionId);
  return (
    <div
      class={`timeline-row${selected ? ' selected' : ''}`}
      data-testid="timeline-row"
      data-connection-id={row.connectionId}
      data-connection-ids={row.connectionIds.join(' ')}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={`${rowLabel(row)}. Select`}
      onClick={select}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          select();
        }
      }}
    >
      <span class={`timeline-label kind-${row.kind}`} title={row.url}>
        <span class="timeline-kind">{kindBadge(row)}</span> {shortUrl(row.url)}
      </span>
      <svg class="timeline-track" width={width} height={ROW_HEIGHT} aria-hidden="true">
        <line class="tl-base" x1={0} x2={width} y1={MID} y2={MID} />
        {row.gaps.map((g) => (
          <rect key={`g${g.from}`} class="tl-gap" x={x(g.from)} y={MID - 3} width={Math.max(1, x(g.to) - x(g.from))} height={6}>
            <title>disconnected for {formatDuration(g.to - g.from)}</title>
          </rect>
        ))}
        {row.spans.map((s) => (
          <rect
            key={`${s.connectionId}-${s.phase}`}
            class={`tl-span tl-${s.phase} tl-kind-${row.kind}${s.connectionId === selectedId ? ' tl-selected' : ''}`}
            data-span-connection-id={s.connectionId}
            x={x(s.from)}
            y={s.phase === 'open' ? MID - 5 : MID - 3}
            width={Math.max(1.5, x(s.to) - x(s.from))}
            height={s.phase === 'open' ? 10 : 6}
            onClick={(e) => {
              e.stopPropagation();
              onSelect(s.connectionId);
            }}
          >
            <title>
              {s.phase === 'open' ? 'open' : 'connecting'} {formatTime(s.from)} for {formatDuration(s.to - s.from)}
            </title>
          </rect>
        ))}
        {densityMax > 0 &&
          bins.map((count, i) =>
            count > 0 ? (
              <rect key={`d${i}`} class="tl-density" x={i * BIN_PX} width={BIN_PX - 0.5} y={DENSITY_BASE - Math.max(1, (count / densityMax) * DENSITY_PX)} height={Math.max(1, (count / densityMax) * DENSITY_PX)} />
            ) : null,
          )}
        {row.attempts.map((a) => (
          <g key={`a${a.connectionId}`} class="tl-attempt">
            <line x1={x(a.t)} x2={x(a.t)} y1={1} y2={ROW_HEIGHT - 1} />
            <title>attempt {a.attempt}</title>
          </g>
        ))}
        {row.closes.map((c) => (
          <rect key={`c${c.connectionId}`} class={`tl-close tl-close-${c.kind}`} x={x(c.t) - 1.5} y={MID - 7} width={3} height={14}>
            <title>
              {c.kind === 'clean' ? 'closed' : c.kind === 'ended' ? 'ended with its page' : 'closed abnormally'}
              {c.code !== undefined ? ` (${c.code})` : ''} at {formatTime(c.t)}
            </title>
          </rect>
        ))}
        {row.findings.map((f) => (
          <path key={`f${f.id}`} class={`tl-finding tl-finding-${f.severity}`} d={`M${x(f.t)} 0 l4 6 l-8 0 z`}>
            <title>
              {f.severity}: {f.kind} at {formatTime(f.t)}
            </title>
          </path>
        ))}
      </svg>
    </div>
  );
}
