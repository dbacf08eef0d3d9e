// Which sites are recorded: all (except excluded ones), only the listed ones, or none.
import type { RecordMode } from '../../contracts/settings';

const MODES: Array<{ mode: RecordMode; label: string }> = [
  { mode: 'all', label: 'On all sites (except excluded ones)' },
  { mode: 'listed', label: 'Only on the listed sites' },
  { mode: 'none', label: 'Nowhere (recording paused)' },
];

export function RecordModeChoice({ mode, onChange }: { mode: RecordMode; onChange: (m: RecordMode) => void }) {
  return (
    <fieldset class="field">
      <legend>Record connections</legend>
      {MODES.map((m) => (
        <label class="radio" key={m.mode}>
          <input type="radio" name="record-mode" value={m.mode} checked={mode === m.mode} onChange={() => onChange(m.mode)} />
          {m.label}
        </label>
      ))}
      <p class="hint">
        The page hook still runs on every site (pages behave exactly the same either way); for sites that are not recorded, the extension stores
        nothing of what it reports.
      </p>
    </fieldset>
  );
}
