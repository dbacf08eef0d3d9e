import { useEffect, useState } from 'preact/hooks';
import type { FieldOverride } from '../../contracts/settings';
import { checkFieldOverride } from '../../settings/settings-normalise';

/** What differs between lists: the second column's name, its suggestions and its own check. */
export interface ValueColumn {
  label: string;
  choices?: readonly string[];
  check?: (path: string | null) => string | null;
}

interface Row {
  urlPattern: string;
  path: string;
  off: boolean;
}

const toRows = (list: FieldOverride[]): Row[] => list.map((o) => ({ urlPattern: o.urlPattern, path: o.path ?? '', off: o.path === null }));
const toOverride = (r: Row): FieldOverride => ({ urlPattern: r.urlPattern.trim(), path: r.off ? null : r.path.trim() });

/**
 * Per-URL field overrides for the findings (docs/findings.md): a URL pattern (`*` = any run of
 * characters, whole URL) and a JSON path, or "off" to turn detection off for those URLs. Saved
 * when every row is valid; rows with an error are shown with it.
 */
export function OverrideList({ id, title, hint, pathExample, list, onValid, column }: { id: string; title: string; hint: string; pathExample: string; list: FieldOverride[]; onValid: (l: FieldOverride[]) => void; column?: ValueColumn }) {
  const check = (o: FieldOverride) => checkFieldOverride(o) ?? column?.check?.(o.path) ?? null;
  const [rows, setRows] = useState<Row[]>(() => toRows(list));
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    setRows(toRows(list));
    setTouched(false);
  }, [JSON.stringify(list)]);
  const errors = rows.map((r) => check(toOverride(r)));
  const update = (next: Row[], save: boolean) => {
    setRows(next);
    setTouched(true);
    if (save && next.every((r) => check(toOverride(r)) === null)) onValid(next.map(toOverride));
  };
  const set = (i: number, patch: Partial<Row>, save: boolean) => update(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)), save);
  return (
    <fieldset class="field" id={id}>
      <legend>{title}</legend>
      <p class="hint">{hint}</p>
      {rows.length > 0 && (
        <table class="overrides">
          <thead>
            <tr>
              <th scope="col">URL pattern</th>
              <th scope="col">{column?.label ?? 'JSON path'}</th>
              <th scope="col">Off</th>
              <th scope="col">
                <span class="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>
                  <input
                    type="text"
                    aria-label={`${title}: URL pattern ${i + 1}`}
                    placeholder="wss://api.example.com/*"
                    value={r.urlPattern}
                    aria-invalid={touched && errors[i] ? true : undefined}
                    onInput={(e) => set(i, { urlPattern: e.currentTarget.value }, false)}
                    onChange={(e) => set(i, { urlPattern: e.currentTarget.value }, true)}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    aria-label={`${title}: ${column?.label ?? 'JSON path'} ${i + 1}`}
                    placeholder={pathExample}
                    list={column?.choices ? `${id}-choices` : undefined}
                    value={r.off ? '' : r.path}
                    disabled={r.off}
                    onInput={(e) => set(i, { path: e.currentTarget.value }, false)}
                    onChange={(e) => set(i, { path: e.currentTarget.value }, true)}
                  />
                </td>
                <td>
                  <input type="checkbox" aria-label={`${title}: detection off for pattern ${i + 1}`} checked={r.off} onChange={(e) => set(i, { off: e.currentTarget.checked }, true)} />
                </td>
                <td>
                  <button type="button" aria-label={`Remove ${title.toLowerCase()} ${i + 1}`} onClick={() => update(rows.filter((_, k) => k !== i), true)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {touched &&
        errors.map(
          (e, i) =>
            e && (
              <p class="error" role="alert" key={`e${i}`}>
                Row {i + 1}: {e}
              </p>
            ),
        )}
      {column?.choices && (
        <datalist id={`${id}-choices`}>
          {column.choices.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      )}
      <button type="button" onClick={() => update([...rows, { urlPattern: '', path: '', off: false }], false)}>
        Add {title.toLowerCase()}
      </button>
    </fieldset>
  );
}
