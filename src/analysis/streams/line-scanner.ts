// Splits text that arrives in chunks into lines, with a line end that may straddle two chunks
// (a CR at the end of one chunk and an LF at the start of the next are one CRLF). Shared by the
// SSE parser (CR, LF and CRLF end lines) and the NDJSON splitter (LF ends lines, a CR before it
// is dropped).

export interface LineScannerOptions {
  /** Drop one U+FEFF at the very start of the stream (SSE: the spec's BOM rule). */
  stripBom?: boolean;
  /** A lone CR ends a line too (SSE). Otherwise only LF does, and a CR right before it is dropped. */
  crEndsLine?: boolean;
}

export interface LineScanner {
  /** Calls `line` for every line the chunk completes, in order (without its line end). */
  push(text: string, line: (s: string) => void): void;
  /** The stream ended: returns the last line if it never got its line end, else "". */
  end(): string;
}

export function scanLines(options: LineScannerOptions = {}): LineScanner {
  const crEnds = options.crEndsLine === true;
  let bomPending = options.stripBom === true;
  let partial = '';
  // The previous chunk ended with a CR that ended a line: an LF first in this chunk belongs to it.
  let afterCr = false;

  return {
    push(text, line) {
      let i = 0;
      if (bomPending && text.length > 0) {
        bomPending = false;
        if (text.charCodeAt(0) === 0xfeff) i = 1;
      }
      if (afterCr && i < text.length) {
        afterCr = false;
        if (text.charCodeAt(i) === 0x0a) i++;
      }
      const n = text.length;
      while (i < n) {
        const lf = text.indexOf('\n', i);
        const cr = crEnds ? text.indexOf('\r', i) : -1;
        let end: number;
        let next: number;
        if (cr >= 0 && (lf < 0 || cr < lf)) {
          end = cr;
          if (cr + 1 < n) next = text.charCodeAt(cr + 1) === 0x0a ? cr + 2 : cr + 1;
          else {
            next = n;
            afterCr = true;
          }
        } else if (lf >= 0) {
          end = lf;
          next = lf + 1;
        } else {
          partial += text.slice(i);
          return;
        }
        let s = partial + text.slice(i, end);
        partial = '';
        if (!crEnds && s.charCodeAt(s.length - 1) === 0x0d) s = s.slice(0, -1);
        line(s);
        i = next;
      }
    },
    end() {
      const rest = partial;
      partial = '';
      return !crEnds && rest.charCodeAt(rest.length - 1) === 0x0d ? rest.slice(0, -1) : rest;
    },
  };
}
