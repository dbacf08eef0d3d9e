// How a binary application payload (an MQTT PUBLISH body, an attachment) is shown in the tree:
// JSON if it is JSON text, the text if it is UTF-8, else its size and first bytes in hex.

import { parseJson } from './frames';

const strict = new TextDecoder('utf-8', { fatal: true });

export function payloadView(b: Uint8Array): unknown {
  let text: string;
  try {
    text = strict.decode(b);
  } catch {
    return binary(b);
  }
  // Valid UTF-8 can still be binary: control characters other than tab and line ends mean bytes.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return binary(b);
  const t = text.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    const p = parseJson(t);
    if (p.ok) return p.value;
  }
  return text;
}

function binary(b: Uint8Array): unknown {
  return { binary: b.length, hex: hex(b.subarray(0, 32)) };
}

export function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
}
