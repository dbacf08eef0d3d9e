// The import viewer: pick or drop a session log, HAR or NDJSON file that Realtime Inspector
// exported; the background stores it as a read-only "tab" (negative tabId) and the panel's own UI
// shows it in an iframe, with findings computed by the background's analysis as for a live tab.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { openInspectorDb } from '../store/db';
import type { ImportRow } from '../contracts/model';
import { importBlob } from './import-blob';
import { installViewerApi } from './viewer-api';
import { deleteImport } from './send-import';

type Status = { kind: 'idle' } | { kind: 'busy'; text: string } | { kind: 'failed'; message: string } | { kind: 'done'; text: string };

async function listImports(): Promise<ImportRow[]> {
  const db = await openInspectorDb();
  try {
    return (await db.getAll('imports')).sort((a, b) => b.importedAt - a.importedAt);
  } finally {
    db.close();
  }
}

function Viewer() {
  const [imports, setImports] = useState<ImportRow[]>([]);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [shown, setShown] = useState<number | null>(Number(new URLSearchParams(location.search).get('tabId')) || null);
  const [over, setOver] = useState(false);
  const refresh = () => listImports().then(setImports, (e: unknown) => setStatus({ kind: 'failed', message: String(e) }));
  useEffect(() => void refresh(), []);

  const importFile = async (file: File) => {
    setStatus({ kind: 'busy', text: `Reading ${file.name}…` });
    try {
      const result = await importBlob(file, file.name, (sent, total) =>
        setStatus({ kind: 'busy', text: `Importing ${file.name}: ${sent.toLocaleString('en')}${total === null ? '' : ` of ${total.toLocaleString('en')}`} events…` }),
      );
      setStatus({ kind: 'done', text: `Imported ${file.name}: ${result.connections} connections, ${result.events.toLocaleString('en')} events.` });
      setShown(result.tabId);
      history.replaceState(null, '', `?tabId=${result.tabId}`);
    } catch (e) {
      setStatus({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
    await refresh();
  };
  const remove = async (tabId: number) => {
    try {
      await deleteImport(tabId);
      if (shown === tabId) setShown(null);
    } catch (e) {
      setStatus({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
    await refresh();
  };

  return (
    <>
      <header class="viewer-head">
        <h1>Realtime Inspector: open an exported session</h1>
        <label
          class={over ? 'drop over' : 'drop'}
          data-testid="import-drop"
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            const file = e.dataTransfer?.files[0];
            if (file) void importFile(file);
          }}
        >
          Drop a session log (.json), HAR (.har) or NDJSON (.ndjson) file here, or choose one:{' '}
          <input
            type="file"
            data-testid="import-file"
            accept=".json,.har,.ndjson,application/json,application/x-ndjson"
            disabled={status.kind === 'busy'}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
        {status.kind === 'failed' && (
          <p class="error" role="alert" data-testid="import-error">
            {status.message}
          </p>
        )}
        {(status.kind === 'busy' || status.kind === 'done') && (
          <p class="status" role="status" data-testid="import-status">
            {status.text}
          </p>
        )}
        {imports.length > 0 && (
          <ul class="imports" aria-label="Imported sessions" data-testid="import-list">
            {imports.map((row) => (
              <li class={row.tabId === shown ? 'current' : ''} data-testid="import-item" data-tab-id={row.tabId}>
                <button type="button" onClick={() => setShown(row.tabId)} aria-label={`Show ${row.fileName}`}>
                  Show
                </button>
                <span>{row.fileName}</span>
                <span class="meta">
                  {row.format}, {row.connections} connections, {row.events.toLocaleString('en')} events, imported {new Date(row.importedAt).toLocaleString()}
                  {sanitizedNote(row)}
                </span>
                <button type="button" data-testid="import-delete" onClick={() => void remove(row.tabId)} aria-label={`Delete the import of ${row.fileName}`}>
                  Delete
                </button>
              </li>
            ))}
          </ul>
        )}
      </header>
      {shown !== null && (
        <iframe title="Imported session" data-testid="import-panel" src={`${browser.runtime.getURL('src/panel/panel.html')}?tabId=${shown}`} />
      )}
    </>
  );
}

function sanitizedNote(row: ImportRow): string {
  const s = row.meta?.sanitized as { applied?: boolean } | undefined;
  if (!s) return '';
  return s.applied ? ', sanitized' : ', NOT sanitized (may contain secrets)';
}

installViewerApi(window);
const root = document.getElementById('app');
if (root) render(<Viewer />, root);
