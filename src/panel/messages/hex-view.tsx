import { useState } from 'preact/hooks';
import { base64ToBytes, hexDumpLines } from './hex-dump';

/** Lines shown before "Show all": a 1 MB frame is 65,536 lines, too many to build eagerly. */
const FIRST_LINES = 256;

/** Hex + text view of a binary payload (stored as base64), 16 bytes a line with offsets. */
export function HexView({ base64 }: { base64: string }) {
  const [all, setAll] = useState(false);
  const bytes = base64ToBytes(base64);
  const lines = hexDumpLines(bytes, all ? Infinity : FIRST_LINES);
  const totalLines = Math.ceil(bytes.length / 16);
  return (
    <div class="hex-view">
      <pre class="mono" data-testid="hex-view" aria-label={`Hex dump of ${bytes.length} bytes`}>
        {lines.join('\n')}
      </pre>
      {!all && totalLines > FIRST_LINES && (
        <button type="button" onClick={() => setAll(true)}>
          Show all {totalLines.toLocaleString('en-US')} lines
        </button>
      )}
    </div>
  );
}
