// The selected message in full: what its protocol's decoder read (when the protocol is known),
// raw text, a JSON tree when it parses, a hex dump when binary, SSE fields, size/truncation/time,
// and copy buttons. The raw views are always one click away from the decoded one.

import { useState } from 'preact/hooks';
import type { EventRow } from '../../contracts/model';
import { asPrettyJson, copyText, parseJsonPayload, rawText } from './copy-message';
import { closeText, eventPreview, formatBytes, formatTime, formatRelative } from '../ui/format';
import { HexView } from './hex-view';
import { JsonTree } from './json-tree';
import { protocolSpec } from '../../protocols/registry';
import type { ConnectionDecode } from '../../protocols/connection-decoder';

type View = 'decoded' | 'tree' | 'raw' | 'hex';

interface Props {
  event: EventRow | undefined;
  seq: number;
  openedAt: number;
  /** The frame as its connection's protocol decoder read it (undefined while it is being read). */
  decoded?: ConnectionDecode | null | undefined;
  onClose: () => void;
}

export function MessageDetail({ event: e, seq, openedAt, decoded, onClose }: Props) {
  const [view, setView] = useState<View | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  if (!e) {
    return (
      <section class="message-detail" data-testid="message-detail" aria-label={`Message ${seq}`}>
        <p class="empty">Reading message #{seq}…</p>
      </section>
    );
  }
  const json = parseJsonPayload(e);
  const raw: View[] = e.binary ? ['hex', 'raw'] : json ? ['tree', 'raw'] : ['raw'];
  const protocolTree = decodedTree(decoded);
  const views: View[] = protocolTree && e.type === 'message' ? ['decoded', ...raw] : raw;
  const current = view !== null && views.includes(view) ? view : views[0]!;
  const copy = async (what: string, text: string) => {
    await copyText(text);
    setCopied(what);
  };
  const dir = e.direction === 'out' ? '↑ sent' : e.direction === 'in' ? '↓ received' : e.type;
  return (
    <section class="message-detail" data-testid="message-detail" data-seq={e.seq} aria-label={`Message ${e.seq}`}>
      <header class="detail-header">
        <strong>#{e.seq}</strong>
        <span>{dir}</span>
        <span title={new Date(e.t).toISOString()}>
          {formatTime(e.t)} ({formatRelative(e.t - openedAt)})
        </span>
        {hasPayload(e) && <span>{formatBytes(e.size)}</span>}
        {e.truncated && (
          <span class="warn" data-testid="truncated-notice">
            truncated: the page sent {formatBytes(e.size)}, the payload kept here is shorter
          </span>
        )}
        <span class="toolbar-spacer" />
        {views.length > 1 &&
          views.map((v) => (
            <button key={v} type="button" aria-pressed={current === v ? 'true' : 'false'} onClick={() => setView(v)} data-testid={`detail-view-${v}`}>
              {v === 'decoded' ? (protocolSpec(decoded?.detection?.id ?? '')?.label ?? 'Decoded') : v === 'tree' ? 'JSON' : v === 'hex' ? 'Hex' : 'Raw'}
            </button>
          ))}
        {hasPayload(e) && (
          <button type="button" data-testid="copy-message" aria-label="Copy message" onClick={() => void copy('message', rawText(e))}>
            Copy
          </button>
        )}
        <button type="button" data-testid="copy-json" aria-label="Copy as JSON" onClick={() => void copy('JSON', asPrettyJson(e))}>
          Copy as JSON
        </button>
        {copied && (
          <span class="muted" role="status">
            Copied {copied}
          </span>
        )}
        <button type="button" aria-label="Close message detail" onClick={onClose} data-testid="close-detail">
          ×
        </button>
      </header>
      <Fields e={e} />
      <div class="detail-body">
        {!hasPayload(e) ? (
          <p class="mono">{eventPreview(e)}</p>
        ) : e.data === undefined ? (
          <p class="empty">The payload could not be read by the page hook ({formatBytes(e.size)}).</p>
        ) : current === 'decoded' && protocolTree ? (
          <div data-testid="decoded-view">
            <JsonTree value={protocolTree} openDepth={3} label="Decoded protocol message" />
          </div>
        ) : current === 'tree' && json ? (
          <JsonTree value={json.value} />
        ) : current === 'hex' ? (
          <HexView base64={e.data} />
        ) : (
          <pre class="raw mono" data-testid="raw-view">
            {e.data}
          </pre>
        )}
      </div>
    </section>
  );
}

/** Messages, and the raw chunks of a fetch stream, carry a payload to show. */
const hasPayload = (e: EventRow) => e.type === 'message' || e.type === 'chunk';
/** What the decoder read, as one tree: its messages, the piece it holds, why it could not read it. */
function decodedTree(d: ConnectionDecode | null | undefined): unknown {
  const f = d?.decode;
  if (!d?.detection || !f) return null;
  const messages = f.messages.map((m) => ({ type: m.type, ...(m.name !== undefined ? { name: m.name } : {}), ...(m.id !== undefined ? { id: m.id } : {}), ...(m.channel !== undefined ? { channel: m.channel } : {}), kind: m.kind, ...(m.seqs ? { frames: m.seqs } : {}), body: m.body }));
  return {
    protocol: `${protocolSpec(d.detection.id)?.label ?? d.detection.id} (${d.detection.reason})`,
    ...(messages.length === 1 ? { message: messages[0] } : { messages }),
    ...(f.partial ? { pieceOf: f.partial } : {}),
    ...(f.error !== undefined ? { notDecoded: f.error } : {}),
  };
}

/** SSE fields and lifecycle facts, as a small definition list. */
function Fields({ e }: { e: EventRow }) {
  const rows: Array<[string, string]> = [];
  if (e.eventType !== undefined) rows.push(['event', e.eventType]);
  if (e.lastEventId !== undefined) rows.push(['id', e.lastEventId]);
  if (e.origin) rows.push(['origin', e.origin]);
  if (e.type === 'open') {
    if (e.protocol) rows.push(['protocol', e.protocol]);
    if (e.extensions) rows.push(['extensions', e.extensions]);
  }
  if (e.type === 'close') {
    rows.push(['code', closeText({ code: e.code ?? 1005, reason: e.reason ?? '' })]);
    if (e.wasClean !== undefined) rows.push(['clean', e.wasClean ? 'yes' : 'no']);
  }
  if (e.type === 'error' && e.readyState !== undefined) rows.push(['readyState', String(e.readyState)]);
  if (e.bufferedAmount !== undefined) rows.push(['bufferedAmount', String(e.bufferedAmount)]);
  if (rows.length === 0) return null;
  return (
    <dl class="detail-fields" data-testid="detail-fields">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd class="mono">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
