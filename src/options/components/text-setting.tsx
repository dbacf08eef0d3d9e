import { useEffect, useState } from 'preact/hooks';
import type { Parsed } from '../form-fields';

export interface TextSettingProps<T> {
  id: string;
  label: string;
  hint?: string;
  /** The stored value as text (changes when another context saves). */
  text: string;
  parse: (text: string) => Parsed<T>;
  onValid: (value: T) => void;
  multiline?: boolean;
  suffix?: string;
}

/**
 * One labelled text setting: checked on every keystroke (error shown inline, next to the field),
 * saved on change (blur or Enter) when valid. An invalid text is kept for correcting, never saved.
 */
export function TextSetting<T>({ id, label, hint, text, parse, onValid, multiline, suffix }: TextSettingProps<T>) {
  const [value, setValue] = useState(text);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setValue(text);
    setError(null);
  }, [text]);
  const check = (t: string) => {
    const p = parse(t);
    setError(p.ok ? null : p.message);
    return p;
  };
  const commit = (t: string) => {
    const p = check(t);
    if (p.ok) onValid(p.value);
  };
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    onInput: (e: Event) => {
      const t = (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value;
      setValue(t);
      check(t);
    },
    onChange: (e: Event) => commit((e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value),
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="control">
        {multiline ? <textarea rows={4} spellcheck={false} {...common} /> : <input type="text" inputMode="numeric" {...common} />}
        {suffix && <span class="suffix">{suffix}</span>}
      </div>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error" id={`${id}-error`} role="alert" data-testid={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
