import type { LogFinding } from '../../contracts/session-log-format';
import { sortFindings } from './finding-view';
import { FindingItem } from './finding-item';

interface Props {
  /** Null until the background's first analysis of the tab arrives. */
  analysis: { findings: LogFinding[]; skipped?: string } | null;
  selectedFindingId: string | null;
  onSelect: (findingId: string) => void;
}

function summary(findings: readonly LogFinding[]): string {
  const n = (s: LogFinding['severity']) => findings.filter((f) => f.severity === s).length;
  const parts = [`${n('error')} error${n('error') === 1 ? '' : 's'}`, `${n('warning')} warning${n('warning') === 1 ? '' : 's'}`, `${n('info')} info`];
  return `Findings (${parts.join(', ')})`;
}

/** The tab's findings, problems first; collapsible so it never crowds out the messages. */
export function FindingsPane({ analysis, selectedFindingId, onSelect }: Props) {
  const findings = analysis ? sortFindings(analysis.findings) : [];
  return (
    <section class="findings" aria-label="Findings" data-testid="findings">
      <details open>
        <summary data-testid="findings-summary">{analysis ? summary(findings) : 'Findings (analysing…)'}</summary>
        {analysis?.skipped ? (
          <p class="findings-skipped" data-testid="findings-skipped" role="note">
            {analysis.skipped}
          </p>
        ) : null}
        {analysis && !analysis.skipped && findings.length === 0 ? <p class="empty">No findings for this tab.</p> : null}
        {findings.length > 0 ? (
          <ul class="findings-list" data-testid="findings-list">
            {findings.map((f) => (
              <FindingItem key={f.id} finding={f} selected={f.id === selectedFindingId} onSelect={onSelect} />
            ))}
          </ul>
        ) : null}
      </details>
    </section>
  );
}
