// The page's call stack at `new WebSocket(...)` / `new EventSource(...)`, without the hook's own
// frames. Chromium formats frames as "    at fn (location:line:col)" under an "Error" header;
// Firefox as "fn@location:line:col", and names a MAIN-world content script "<anonymous code>".
// Our frames are always the top of the stack (it is taken inside our construct trap), so the
// leading frames whose location is our script's are dropped and everything below is kept.
// String work goes through captured built-ins only (intrinsics.ts): no lookup reaches the page.

import { regExpExec, stringIndexOf, stringSlice } from './intrinsics';

const FRAME_LOCATION = /(?:\(|@|at )([^()@]*?):\d+:\d+\)?$/;

/** A frame's script location (URL or "<anonymous code>"), or null for a line that is no frame. */
export function frameLocation(line: string): string | null {
  const m = regExpExec(FRAME_LOCATION, line);
  return m ? m[1]! : null;
}

/** Calls `fn` with each line of `s` (split at '\n') until it returns true. */
function eachLine(s: string, fn: (line: string) => boolean | void): void {
  let from = 0;
  for (;;) {
    const nl = stringIndexOf(s, '\n', from);
    const line = nl < 0 ? stringSlice(s, from) : stringSlice(s, from, nl);
    if (fn(line) === true || nl < 0) return;
    from = nl + 1;
  }
}

/** The location of the first frame of a stack taken in our own code. */
export function ownLocation(stack: string | undefined): string | null {
  if (typeof stack !== 'string') return null;
  let found: string | null = null;
  eachLine(stack, (line) => {
    found = frameLocation(line);
    return found !== null;
  });
  return found;
}

/** Drops the "Error" header and our leading frames; caps the result at `maxChars`. */
export function trimStack(stack: string | undefined, own: string | null, maxChars: number): string | undefined {
  if (typeof stack !== 'string') return undefined;
  let first = true;
  let leading = true;
  let out = '';
  eachLine(stack, (line) => {
    const header = first && line === 'Error';
    first = false;
    if (header) return;
    if (leading && own !== null && frameLocation(line) === own) return;
    leading = false;
    if (line !== '') out = out === '' ? line : `${out}\n${line}`;
    return out.length > maxChars;
  });
  if (out === '') return undefined;
  return out.length > maxChars ? stringSlice(out, 0, maxChars) : out;
}
