import type { LogFinding } from '../../contracts/session-log-format';
import { formatTime } from '../ui/format';

const ICON: Record<LogFinding['severity'], string> = { error: '✖', warning: '▲', info: 'ℹ' };

interface Props {
  finding: LogFinding;
  selected: boolean;
  onSelect: (findingId: string) => void;
}

/** One finding: a button, so the keyboard reaches it; clicking selects the evidence. */
export function FindingItem({ finding: f, selected, onSelect }: Props) {
  return (
    <li class={`finding severity-${f.severity}${selected ? ' selected' : ''}`}>
      <button
        type="button"
        class="finding-button"
        data-testid="finding"
        data-finding-id={f.id}
        data-kind={f.kind}
        data-severity={f.severity}
        aria-pressed={selected}
        title="Select the connection and the event this finding is about"
        onClick={() => onSelect(f.id)}
      >
        <span class="finding-icon" role="img" aria-label={f.severity}>
          {ICON[f.severity]}
        </span>
        {/* Text node only: the sentence quotes URLs and reasons from the page. */}
        <span class="finding-message" data-testid="finding-message">
          {f.message}
        </span>
        <span class="finding-kind">{f.kind}</span>
        <span class="finding-time time">{formatTime(f.t)}</span>
      </button>
    </li>
  );
}
