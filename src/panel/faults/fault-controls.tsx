// The Faults control of the selected connection (docs/faults.md): drop it as a network loss would
// look (optionally refusing new connections for N seconds), disturb its next incoming messages,
// hold its sends, inject or send a message. Every action is one request to the background; the
// result (or why it could not be applied) is shown beside the controls.
import { useState } from 'preact/hooks';
import type { FaultAction, MessageFaultMode } from '../../contracts/fault';
import type { ConnectionRow } from '../../contracts/model';
import type { FaultRequest, FaultResponse } from '../../contracts/protocol';
import { TRUSTED_NOTE } from './trusted-note';

interface Props {
  connection: ConnectionRow;
  apply: (req: FaultRequest) => Promise<FaultResponse>;
}

const num = (v: string, fallback: number) => {
  const n = Math.round(Number(v));
  return Number.isFinite(n) && n >= 0 ? n : fallback;
};

export function FaultControls({ connection: c, apply }: Props) {
  const [refuseS, setRefuseS] = useState('5');
  const [scope, setScope] = useState<'url' | 'origin'>('url');
  const [mode, setMode] = useState<MessageFaultMode>('drop');
  const [count, setCount] = useState('3');
  const [match, setMatch] = useState('');
  const [delayMs, setDelayMs] = useState('1000');
  const [text, setText] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const ws = c.kind === 'websocket';
  const open = c.state === 'open' || (c.kind === 'eventsource' && c.state === 'connecting');
  if (c.kind === 'fetch-stream') {
    return (
      <p class="faults-note" data-testid="faults-unavailable">
        Faults: not available for streamed fetch responses (the page's reader cannot be failed from outside; docs/faults.md).
      </p>
    );
  }

  const run = (action: FaultAction, label: string) => {
    setStatus({ ok: true, text: `${label}…` });
    apply({ type: 'ri:fault', connectionId: c.id, action }).then(
      (r) =>
        setStatus(
          r.ok
            ? { ok: true, text: `${label}: applied${r.refusedUntil ? `; new connections refused until ${new Date(r.refusedUntil).toLocaleTimeString()}` : ''}. The verdict follows above.` }
            : { ok: false, text: `${label}: ${r.error}` },
        ),
      (e: unknown) => setStatus({ ok: false, text: `${label}: ${String(e)}` }),
    );
  };

  const drop = () => {
    const refuseMs = num(refuseS, 0) * 1000;
    run(refuseMs > 0 ? { kind: 'drop', refuseMs, refuseScope: scope } : { kind: 'drop' }, 'Drop');
  };
  const messages = () => {
    const a: FaultAction = { kind: 'messages', mode, count: Math.max(1, num(count, 1)) };
    if (match !== '') a.match = match;
    if (mode === 'delay') a.delayMs = num(delayMs, 1000);
    run(a, `${mode} next ${a.count}`);
  };

  return (
    <details class="faults" data-testid="faults">
      <summary>Faults (test recovery on purpose)</summary>
      <div class="faults-row">
        <button type="button" data-testid="fault-drop" disabled={!open} onClick={drop} title={ws ? 'The page sees error, then close 1006 (not clean), as after a network loss' : 'The page sees error with readyState CLOSED (the browser does not retry by itself)'}>
          Drop connection
        </button>
        <label>
          refuse new connections for{' '}
          <input class="faults-num" data-testid="fault-refuse-s" type="number" min="0" max="600" value={refuseS} onInput={(e) => setRefuseS((e.target as HTMLInputElement).value)} /> s
        </label>
        <select aria-label="Refuse scope" data-testid="fault-refuse-scope" value={scope} onChange={(e) => setScope((e.target as HTMLSelectElement).value as 'url' | 'origin')}>
          <option value="url">to this URL</option>
          <option value="origin">to this origin</option>
        </select>
      </div>
      <div class="faults-row">
        <select aria-label="Message fault" data-testid="fault-mode" value={mode} onChange={(e) => setMode((e.target as HTMLSelectElement).value as MessageFaultMode)}>
          <option value="drop">Drop</option>
          <option value="delay">Delay</option>
          <option value="duplicate">Duplicate</option>
          <option value="reorder">Reorder</option>
        </select>
        <label>
          the next <input class="faults-num" data-testid="fault-count" type="number" min="1" value={count} onInput={(e) => setCount((e.target as HTMLInputElement).value)} /> incoming messages
        </label>
        <input class="faults-text" data-testid="fault-match" placeholder="containing… (optional)" value={match} onInput={(e) => setMatch((e.target as HTMLInputElement).value)} />
        {mode === 'delay' ? (
          <label>
            by <input class="faults-num" type="number" min="0" value={delayMs} onInput={(e) => setDelayMs((e.target as HTMLInputElement).value)} /> ms
          </label>
        ) : null}
        <button type="button" data-testid="fault-messages" disabled={!open} onClick={messages}>
          Apply
        </button>
      </div>
      <div class="faults-row">
        {ws ? (
          <>
            <button type="button" data-testid="fault-hold" disabled={!open} onClick={() => run({ kind: 'hold-sends' }, 'Hold sends')}>
              Hold sends
            </button>
            <button type="button" data-testid="fault-release" disabled={!open} onClick={() => run({ kind: 'release-sends' }, 'Release sends')}>
              Release sends
            </button>
          </>
        ) : null}
        <input class="faults-text" data-testid="fault-text" placeholder="message text" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        <button type="button" data-testid="fault-inject" disabled={!open} onClick={() => run({ kind: 'inject', data: text }, 'Inject')}>
          Inject as if from the server
        </button>
        {ws ? (
          <button type="button" data-testid="fault-send" disabled={!open} onClick={() => run({ kind: 'send', data: text }, 'Send')}>
            Send as the page
          </button>
        ) : null}
        <button type="button" data-testid="fault-disarm" disabled={!open} onClick={() => run({ kind: 'disarm' }, 'Disarm')}>
          Disarm
        </button>
      </div>
      {status ? (
        <p class={status.ok ? 'faults-status' : 'faults-status faults-error'} data-testid="fault-status" role="status">
          {status.text}
        </p>
      ) : null}
      <p class="faults-note" data-testid="faults-trusted-note">
        {TRUSTED_NOTE}
        {c.kind === 'eventsource' ? ' An EventSource drop is a failed connection: the browser does not retry it by itself (docs/faults.md).' : ''}
      </p>
    </details>
  );
}
