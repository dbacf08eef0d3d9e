import { useState } from 'preact/hooks';

/** "Clear all recorded data", with an inline confirmation step (no window.confirm). */
export function ClearData({ clearAll }: { clearAll: () => Promise<{ ok: boolean; pages: number }> }) {
  const [stage, setStage] = useState<'idle' | 'confirm' | 'busy'>('idle');
  const [result, setResult] = useState<string | null>(null);
  const run = async () => {
    setStage('busy');
    try {
      const r = await clearAll();
      setResult(r.ok ? `Cleared: ${r.pages} recorded page load${r.pages === 1 ? '' : 's'} deleted.` : 'The background could not clear the data; try again.');
    } catch (e) {
      setResult(`Could not clear: ${e instanceof Error ? e.message : String(e)}`);
    }
    setStage('idle');
  };
  return (
    <section class="field" aria-labelledby="clear-title">
      <h2 id="clear-title">Recorded data</h2>
      {stage === 'idle' && (
        <button type="button" class="danger" onClick={() => { setResult(null); setStage('confirm'); }}>
          Clear all recorded data…
        </button>
      )}
      {stage !== 'idle' && (
        <div role="group" aria-label="Confirm clearing all recorded data" class="confirm">
          <p>This deletes every recorded page load, connection and message of every tab (imported sessions stay). Pages still open keep being recorded from now on.</p>
          <button type="button" class="danger" disabled={stage === 'busy'} onClick={() => void run()}>
            Delete all recorded data
          </button>
          <button type="button" disabled={stage === 'busy'} onClick={() => setStage('idle')}>
            Cancel
          </button>
        </div>
      )}
      {result && (
        <p role="status" data-testid="clear-result">
          {result}
        </p>
      )}
    </section>
  );
}
