// Recovery verdicts (docs/faults.md): one card per fault applied in the tab, newest first, beside
// the timeline. The sentence is the analysis' own; the card adds the facts it rests on and
// selects the connection the fault was applied to.
import type { LogVerdict } from '../../contracts/session-log-format';
import { formatTime } from '../ui/format';

interface Props {
  verdicts: readonly LogVerdict[];
  onSelect: (connectionId: string) => void;
  /** Scrolls to one event of the evidence. */
  onFocus: (ref: EventRef) => void;
}

type EventRef = { connectionId: string; seq: number };
const isRef = (x: unknown): x is EventRef => typeof x === 'object' && x !== null && typeof (x as EventRef).connectionId === 'string' && typeof (x as EventRef).seq === 'number';

/** The events a verdict rests on, by what they are (links in the card). */
function evidenceLinks(v: LogVerdict): Array<[string, EventRef]> {
  const e = v.evidence;
  const resume = (e.resume ?? {}) as { lastBefore?: { ref?: unknown }; firstAfter?: { ref?: unknown } };
  const out: Array<[string, EventRef]> = [];
  const add = (label: string, r: unknown) => {
    if (isRef(r)) out.push([label, r]);
  };
  add('fault', e.fault);
  add('drop shown', e.droppedAt);
  add('last before', resume.lastBefore?.ref);
  add('reopened', e.reopened);
  add('first after', resume.firstAfter?.ref);
  if (Array.isArray(e.affected)) add('first affected', e.affected[0]);
  return out;
}

const STATUS_LABEL: Record<LogVerdict['status'], string> = { recovered: 'Recovered', defect: 'Defect', waiting: 'Judging…', info: 'Fault' };

function facts(v: LogVerdict): string[] {
  const e = v.evidence;
  const out: string[] = [];
  if (typeof e.refusedMs === 'number') out.push(`new connections refused ${e.refusedMs} ms`);
  if (typeof e.attempts === 'number') out.push(`${e.attempts} attempt${e.attempts === 1 ? '' : 's'}`);
  if (Array.isArray(e.delaysMs) && e.delaysMs.length > 0) out.push(`waits ${(e.delaysMs as number[]).slice(0, 8).join(', ')} ms`);
  if (typeof e.shown === 'string') out.push(`page shown: ${e.shown}`);
  if (v.defects.length > 0) out.push(`defects: ${v.defects.join(', ')}`);
  return out;
}

export function VerdictCards({ verdicts, onSelect, onFocus }: Props) {
  if (verdicts.length === 0) return null;
  const sorted = [...verdicts].sort((a, b) => b.t - a.t);
  return (
    <section class="verdicts" aria-label="Recovery verdicts" data-testid="verdicts">
      {sorted.map((v) => (
        <article key={v.faultId} class={`verdict verdict-${v.status}`} data-testid="verdict" data-status={v.status} data-fault-id={v.faultId}>
          <button type="button" class="verdict-button" onClick={() => onSelect(v.connectionId)} title="Select the connection the fault was applied to">
            <span class="verdict-status">{STATUS_LABEL[v.status]}</span>
            <span class="verdict-action">
              {v.action}
              {v.mode ? ` ${v.mode}` : ''} · {formatTime(v.t)}
            </span>
            <span class="verdict-message" data-testid="verdict-message">
              {v.message}
            </span>
            <span class="verdict-facts">{facts(v).join(' · ')}</span>
          </button>
          <span class="verdict-links">
            {evidenceLinks(v).map(([label, r]) => (
              <button type="button" key={label} class="link-button" data-testid="verdict-evidence" onClick={() => onFocus(r)} title={`Show event #${r.seq} of its connection`}>
                {label} #{r.seq}
              </button>
            ))}
          </span>
        </article>
      ))}
    </section>
  );
}
