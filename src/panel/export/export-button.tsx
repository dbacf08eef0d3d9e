// The Export menu: format, scope, and "Include sensitive data" (off by default, with a warning),
// then Download. Without a choice the export is the sanitized session log of this tab.
import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { EXPORT_FORMATS, type ExportFormat } from '../../export/export-file';
import { DEFAULT_EXPORT_CHOICE, type ExportChoice } from './export-session';
import { PANEL_EXPORT_SCOPES, type PanelExportScope } from './export-scope';
import { usePanel } from '../panel-context';

type Phase = { kind: 'idle' } | { kind: 'busy' } | { kind: 'failed'; message: string };

export function ExportButton() {
  const { onExport } = usePanel();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<ExportChoice>(DEFAULT_EXPORT_CHOICE);
  const run = () => {
    setPhase({ kind: 'busy' });
    onExport(choice).then(
      () => {
        setPhase({ kind: 'idle' });
        setOpen(false);
      },
      (e: unknown) => setPhase({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
  };
  const set = (patch: Partial<ExportChoice>) => setChoice({ ...choice, ...patch });
  return (
    <span class="export">
      {phase.kind === 'failed' && (
        <span class="export-error" role="alert">
          Export failed: {phase.message}
        </span>
      )}
      <button
        type="button"
        data-testid="export-button"
        title="Export recorded sessions (session log, HAR or NDJSON)"
        aria-haspopup="dialog"
        aria-expanded={open}
        disabled={phase.kind === 'busy'}
        onClick={() => setOpen(!open)}
      >
        {phase.kind === 'busy' ? 'Exporting…' : 'Export…'}
      </button>
      {open && (
        <div class="export-menu" role="dialog" aria-label="Export" data-testid="export-menu">
          <label>
            Format{' '}
            <select data-testid="export-format" value={choice.format} onChange={(e) => set({ format: e.currentTarget.value as ExportFormat })}>
              {(Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((f) => (
                <option value={f}>{EXPORT_FORMATS[f].label}</option>
              ))}
            </select>
          </label>
          <label>
            Scope{' '}
            <select data-testid="export-scope" value={choice.scope} onChange={(e) => set({ scope: e.currentTarget.value as PanelExportScope })}>
              {(Object.keys(PANEL_EXPORT_SCOPES) as PanelExportScope[]).map((s) => (
                <option value={s}>{PANEL_EXPORT_SCOPES[s]}</option>
              ))}
            </select>
          </label>
          <label>
            <input type="checkbox" data-testid="export-include-sensitive" checked={choice.includeSensitive} onChange={(e) => set({ includeSensitive: e.currentTarget.checked })} />{' '}
            Include sensitive data
          </label>
          {choice.includeSensitive ? (
            <p class="export-warning" role="note">
              The file will keep tokens, cookies, authorization values and secret JSON fields as recorded. Share it only with people allowed to see them.
            </p>
          ) : (
            <p class="export-note">Tokens, cookies, JWTs and secret JSON fields are masked (same length, same structure).</p>
          )}
          <div class="export-actions">
            <button type="button" data-testid="export-download" disabled={phase.kind === 'busy'} onClick={run}>
              Download
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
          <a href={browser.runtime.getURL('src/viewer/viewer.html')} target="_blank" rel="noopener">
            Open an exported file in the viewer…
          </a>
        </div>
      )}
    </span>
  );
}
