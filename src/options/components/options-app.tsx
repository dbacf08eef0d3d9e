// The options page: every setting as a field, saved on change (invalid input is shown, not saved).
import { PROTOCOLS } from '../../protocols/registry';
import { checkProtocolChoice } from '../../settings/settings-normalise';
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../../contracts/settings';
import { bytesToKiB, bytesToMb, parseHostLines, parseKeyLines, parsePayloadCapKiB, parseRetentionDays, parseRetentionMb } from '../form-fields';
import { ClearData } from './clear-data';
import { OverrideList } from './override-list';
import { RecordModeChoice } from './record-mode';
import { TextSetting } from './text-setting';

export interface OptionsDeps {
  initial: Settings;
  /** Problems found in what was stored (replaced by defaults), shown once. */
  problems: string[];
  save: (s: Settings) => Promise<unknown>;
  /** Calls back when another context saved; returns the unsubscribe. */
  subscribe: (fn: (s: Settings) => void) => () => void;
  clearAll: () => Promise<{ ok: boolean; pages: number }>;
}

export function OptionsApp({ initial, problems, save, subscribe, clearAll }: OptionsDeps) {
  const [settings, setSettings] = useState(initial);
  const [status, setStatus] = useState<string>('');
  useEffect(() => subscribe(setSettings), []);
  const update = (patch: Partial<Settings>) => {
    const next = { ...settings, ...patch };
    setSettings(next);
    setStatus('Saving…');
    save(next).then(
      () => setStatus('Saved'),
      (e: unknown) => setStatus(`Not saved: ${e instanceof Error ? e.message : String(e)}`),
    );
  };
  return (
    <main class="options">
      <h1>Realtime Inspector options</h1>
      <p class="status" role="status" data-testid="save-status">
        {status}
      </p>
      {problems.length > 0 && (
        <div class="error" role="alert">
          <p>Some stored settings were invalid and were reset to their defaults:</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}

      <section aria-labelledby="scope-title">
        <h2 id="scope-title">Where to record</h2>
        <RecordModeChoice mode={settings.recordMode} onChange={(recordMode) => update({ recordMode })} />
        <TextSetting
          id="sites"
          label="Listed sites (one host per line)"
          hint="Used by “Only on the listed sites”. example.com (any port), *.example.com (the domain and its subdomains), localhost:8080 (that port only). Matched against the tab's top-level page."
          text={settings.sites.join('\n')}
          parse={parseHostLines}
          onValid={(sites) => update({ sites })}
          multiline
        />
        <TextSetting
          id="excluded-sites"
          label="Excluded sites (one host per line)"
          hint="Never recorded, whatever the choice above. Same patterns as listed sites."
          text={settings.excludedSites.join('\n')}
          parse={parseHostLines}
          onValid={(excludedSites) => update({ excludedSites })}
          multiline
        />
      </section>

      <section aria-labelledby="storage-title">
        <h2 id="storage-title">What to keep</h2>
        <TextSetting
          id="payload-cap"
          label="Payload cap"
          suffix="KiB"
          hint="Bytes of each message kept; longer messages are stored cut, marked truncated, with their full size. At most 1024 KiB (the page hook's own cap)."
          text={bytesToKiB(settings.payloadCapBytes)}
          parse={parsePayloadCapKiB}
          onValid={(payloadCapBytes) => update({ payloadCapBytes })}
        />
        <TextSetting
          id="retention-days"
          label="Delete page loads older than"
          suffix="days"
          hint="0 keeps them until the size limit or the quota needs the space. The current page load of an open tab is never deleted."
          text={String(settings.retentionDays)}
          parse={parseRetentionDays}
          onValid={(retentionDays) => update({ retentionDays })}
        />
        <TextSetting
          id="retention-mb"
          label="Keep recorded data under"
          suffix="MB"
          hint="Above it, the oldest page loads are deleted first. 0 = no limit but the browser's storage quota (when it is hit, the oldest page loads are deleted too)."
          text={bytesToMb(settings.retentionMaxBytes)}
          parse={parseRetentionMb}
          onValid={(retentionMaxBytes) => update({ retentionMaxBytes })}
        />
      </section>

      <section aria-labelledby="findings-title">
        <h2 id="findings-title">Findings</h2>
        <OverrideList
          id="sequence-fields"
          title="Sequence field override"
          hint="WebSocket JSON field that numbers messages, per URL pattern (* = any characters, whole URL; first match wins), instead of detecting it. “Off” turns gap detection off for those URLs."
          pathExample="meta.seq"
          list={settings.sequenceFields}
          onValid={(sequenceFields) => update({ sequenceFields })}
        />
        <OverrideList
          id="timestamp-fields"
          title="Timestamp field override"
          hint="JSON field carrying the send time, for delivery lag, per URL pattern. “Off” turns lag measurement off for those URLs."
          pathExample="ts"
          list={settings.timestampFields}
          onValid={(timestampFields) => update({ timestampFields })}
        />
      </section>

      <section aria-labelledby="protocols-title">
        <h2 id="protocols-title">Protocols</h2>
        <OverrideList
          id="protocol-overrides"
          title="Protocol override"
          hint="Decode WebSocket connections of a URL pattern as this protocol instead of detecting it (* = any characters, whole URL; first match wins). “Off” shows them raw: no decoding, heartbeats by shape."
          pathExample="socket.io"
          list={settings.protocolOverrides}
          onValid={(protocolOverrides) => update({ protocolOverrides })}
          column={{ label: 'Protocol', choices: PROTOCOLS.map((p) => p.id), check: checkProtocolChoice }}
        />
      </section>

      <section aria-labelledby="export-title">
        <h2 id="export-title">Exports</h2>
        <TextSetting
          id="redact-keys"
          label="JSON keys to redact in exports (one per line)"
          hint="Values of these keys in JSON payloads are replaced in sanitized exports, besides the built-in rules (tokens, cookies, authorization)."
          text={settings.redactJsonKeys.join('\n')}
          parse={parseKeyLines}
          onValid={(redactJsonKeys) => update({ redactJsonKeys })}
          multiline
        />
      </section>

      <ClearData clearAll={clearAll} />
    </main>
  );
}
