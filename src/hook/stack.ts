// The page's call stack at `new WebSocket(...)` / `new EventSource(...)`, without the hook's own
// frames. Chromium formats frames as "    at fn (location:line:col)" under an "Error" header;
// Firefox as "fn@location:line:col", and names a MAIN-world content script "<anonymous code>".
// Our frames are always the top of the stack (it is taken inside our construct trap), so the
// leading frames whose location is our script's are dropped and everything below is kept.

const FRAME_LOCATION = /(?:\(|@|at )([^()@]*?):\d+:\d+\)?$/;

/** A frame's script location (URL or "<anonymous code>"), or null for a line that is no frame. */
export function frameLocation(line: string): string | null {
  const m = FRAME_LOCATION.exec(line);
  return m ? m[1]! : null;
}

/** The location of the first frame of a stack taken in our own code. */
export function ownLocation(stack: string | undefined): string | null {
  if (typeof stack !== 'string') return null;
  for (const line of stack.split('\n')) {
    const loc = frameLocation(line);
    if (loc !== null) return loc;
  }
  return null;
}

/** Drops the "Error" header and our leading frames; caps the result at `maxChars`. */
export function trimStack(stack: string | undefined, own: string | null, maxChars: number): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const lines = stack.split('\n');
  let i = 0;
  if (lines[0] === 'Error') i = 1;
  while (i < lines.length && own !== null && frameLocation(lines[i]!) === own) i++;
  const kept: string[] = [];
  for (; i < lines.length; i++) if (lines[i] !== '') kept.push(lines[i]!);
  const out = kept.join('\n');
  if (out === '') return undefined;
  return out.length > maxChars ? out.slice(0, maxChars) : out;
}
