import { useState } from 'preact/hooks';

type Phase = { kind: 'idle' } | { kind: 'busy' } | { kind: 'failed'; message: string };

export function ExportButton({ onExport }: { onExport: () => Promise<unknown> }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const run = () => {
    setPhase({ kind: 'busy' });
    onExport().then(
      () => setPhase({ kind: 'idle' }),
      (e: unknown) => setPhase({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
  };
  return (
    <>
      {phase.kind === 'failed' && (
        <span class="export-error" role="alert">
          Export failed: {phase.message}
        </span>
      )}
      <button
        type="button"
        data-testid="export-button"
        title="Download this tab's recorded session log as JSON"
        disabled={phase.kind === 'busy'}
        onClick={run}
      >
        {phase.kind === 'busy' ? 'Exporting…' : 'Export session log'}
      </button>
    </>
  );
}
