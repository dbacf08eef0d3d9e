// Copying a message: the raw payload, or pretty JSON (the clipboard itself: copy-to-clipboard.ts).

import type { EventRow } from '../../contracts/model';
import { copyToClipboard } from '../ui/copy-to-clipboard';

declare global {
  interface Window {
    /** The last text the panel copied (what tests read; the system clipboard is not theirs to read). */
    __riLastCopy?: string;
  }
}

export async function copyText(text: string): Promise<void> {
  window.__riLastCopy = text;
  await copyToClipboard(text);
}

/** The message as the page saw it: payload text (base64 for binary), or the event's one line. */
export function rawText(e: EventRow): string {
  return e.data ?? '';
}

/** The parsed payload if it is JSON (objects and arrays only: "2" is not worth a tree). */
export function parseJsonPayload(e: EventRow): { value: unknown } | null {
  if (e.type !== 'message' || e.binary || e.data === undefined) return null;
  const t = e.data.trim();
  if (t[0] !== '{' && t[0] !== '[') return null;
  try {
    return { value: JSON.parse(t) };
  } catch {
    return null;
  }
}

/** "Copy as JSON": the payload pretty-printed when it is JSON, else the whole event record. */
export function asPrettyJson(e: EventRow): string {
  const parsed = parseJsonPayload(e);
  if (parsed) return JSON.stringify(parsed.value, null, 2);
  const { connectionId: _c, ...rest } = e;
  return JSON.stringify(rest, null, 2);
}
