import { useState } from 'preact/hooks';
import { copyToClipboard } from './copy-to-clipboard';
import { CopyIcon } from './icons';

/** An icon button that copies `text` and says so for a moment. */
export function CopyButton({ text, label, testId }: { text: string; label: string; testId: string }) {
  const [done, setDone] = useState<'copied' | 'failed' | null>(null);
  const copy = (e: Event) => {
    e.stopPropagation();
    copyToClipboard(text).then(
      (ok) => setDone(ok ? 'copied' : 'failed'),
      () => setDone('failed'),
    );
    setTimeout(() => setDone(null), 1500);
  };
  return (
    <button type="button" class="tool-button copy-button" data-testid={testId} data-copied={done ?? undefined} aria-label={label} title={done === 'copied' ? 'Copied' : done === 'failed' ? 'Copy failed' : label} onClick={copy}>
      <CopyIcon />
      {done ? <span class="copy-note">{done === 'copied' ? 'Copied' : 'Copy failed'}</span> : null}
    </button>
  );
}
